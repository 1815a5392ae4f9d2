"""The pre-ParamSpec style: a TypeVar bound to Callable, returned through cast."""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

log: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []


def audited[F: Callable[..., Any]](fn: F) -> F:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        log.append((fn.__name__, args, kwargs))
        return fn(*args, **kwargs)

    return cast(F, wrapper)


setattr(audited, "log", log)
