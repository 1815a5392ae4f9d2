"""A class-based decorator that copies fn's metadata with functools.update_wrapper."""

import functools
from collections.abc import Callable
from typing import Any


class shout:
    def __init__(self, fn: Callable[..., Any]) -> None:
        functools.update_wrapper(self, fn)
        self._fn = fn

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = self._fn(*args, **kwargs)
        return result.upper() if isinstance(result, str) else result


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
