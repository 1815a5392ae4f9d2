"""Records fn.__qualname__, so a method is logged as "Class.method" instead of its __name__."""

import functools
from collections.abc import Callable

type Call = tuple[str, tuple[object, ...], dict[str, object]]
"""One audit record: the function's name, its positional and its keyword arguments."""

_calls: list[Call] = []


def audited[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        _calls.append((fn.__qualname__, args, kwargs))
        return fn(*args, **kwargs)

    return wrapper


# Functions are objects and may carry attributes, but type checkers do not model
# them; this one line says so, and everything else in the module stays checked.
audited.log = _calls  # pyright: ignore[reportFunctionMemberAccess]
