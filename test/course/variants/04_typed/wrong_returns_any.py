"""Keeps the parameters with P but returns Callable[P, Any], so the result type is lost."""

import functools
from collections.abc import Callable
from typing import Any

_calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []


def audited[**P](fn: Callable[P, Any]) -> Callable[P, Any]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
        _calls.append((fn.__name__, args, kwargs))
        return fn(*args, **kwargs)

    return wrapper


audited.log = _calls  # pyright: ignore[reportFunctionMemberAccess]
