"""Calls functools.update_wrapper(fn, wrapper): the arguments are swapped, so fn gets the wrapper's metadata."""

import functools
from collections.abc import Callable
from typing import Any


def shout(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        return result.upper() if isinstance(result, str) else result

    functools.update_wrapper(fn, wrapper)
    return wrapper


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
