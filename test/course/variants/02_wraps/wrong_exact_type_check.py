"""Checks `type(result) is str`, like a Go type switch, so a str subclass is not upper-cased."""

import functools
from collections.abc import Callable
from typing import Any


def shout(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        if type(result) is str:
            return result.upper()
        return result

    return wrapper


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
