"""Keeps the return type but types the parameters as `...`, so bad calls go unreported."""

import functools
from collections.abc import Callable
from typing import Any

_calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []


def audited[R](fn: Callable[..., R]) -> Callable[..., R]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> R:
        _calls.append((fn.__name__, args, kwargs))
        return fn(*args, **kwargs)

    return wrapper


audited.log = _calls  # pyright: ignore[reportFunctionMemberAccess]
