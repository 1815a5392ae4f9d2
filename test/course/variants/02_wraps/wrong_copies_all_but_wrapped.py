"""Copies name, qualname, doc and annotations by hand but not __wrapped__, so inspect.signature still shows (*args, **kwargs)."""

from collections.abc import Callable
from typing import Any


def shout(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        return result.upper() if isinstance(result, str) else result

    wrapper.__name__ = fn.__name__
    wrapper.__qualname__ = fn.__qualname__
    wrapper.__doc__ = fn.__doc__
    wrapper.__module__ = fn.__module__
    wrapper.__annotations__ = fn.__annotations__
    return wrapper


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
