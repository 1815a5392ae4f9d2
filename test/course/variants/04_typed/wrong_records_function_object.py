"""Records the function object itself, as a JS dev might keep a reference, instead of its __name__."""

import functools
from collections.abc import Callable

type Call = tuple[Callable[..., object], tuple[object, ...], dict[str, object]]
"""One audit record: the function, its positional and its keyword arguments."""

_calls: list[Call] = []


def audited[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        _calls.append((fn, args, kwargs))
        return fn(*args, **kwargs)

    return wrapper


# Functions are objects and may carry attributes, but type checkers do not model
# them; this one line says so, and everything else in the module stays checked.
audited.log = _calls  # pyright: ignore[reportFunctionMemberAccess]
