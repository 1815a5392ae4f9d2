"""Records only the positional arguments, dropping the keyword ones from the log."""

import functools
from collections.abc import Callable

_calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []


def audited[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        _calls.append((fn.__name__, args, {}))
        return fn(*args, **kwargs)

    return wrapper


audited.log = _calls  # pyright: ignore[reportFunctionMemberAccess]
