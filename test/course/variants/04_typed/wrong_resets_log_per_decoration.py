"""Creates a fresh audited.log each time it decorates, losing earlier calls."""

import functools
from collections.abc import Callable
from typing import Any


def audited[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    log: list[tuple[str, tuple[object, ...], dict[str, object]]] = []
    setattr(audited, "log", log)

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        current: Any = getattr(audited, "log")
        current.append((fn.__name__, args, kwargs))
        return fn(*args, **kwargs)

    return wrapper


setattr(audited, "log", [])
