"""Records the call only after fn returns, so calls that raise never reach the log."""

import functools
from collections.abc import Callable

_calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []


def audited[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        result = fn(*args, **kwargs)
        _calls.append((fn.__name__, args, kwargs))
        return result

    return wrapper


audited.log = _calls  # pyright: ignore[reportFunctionMemberAccess]
