"""Turns every result into upper-cased text with str(), so 42 comes back as "42"."""

import functools
from collections.abc import Callable
from typing import Any


def shout(fn: Callable[..., Any]) -> Callable[..., str]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> str:
        return str(fn(*args, **kwargs)).upper()

    return wrapper


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
