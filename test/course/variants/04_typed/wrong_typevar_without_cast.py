"""Returns the wrapper where a TypeVar F is promised: the module itself has a type error."""

import functools
from collections.abc import Callable
from typing import Any

_calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []


def audited[F: Callable[..., Any]](fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _calls.append((fn.__name__, args, kwargs))
        return fn(*args, **kwargs)

    return wrapper


audited.log = _calls  # pyright: ignore[reportFunctionMemberAccess]
