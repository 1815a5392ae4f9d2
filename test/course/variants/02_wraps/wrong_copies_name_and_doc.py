"""Copies __name__ and __doc__ by hand: qualname, hints, signature and __wrapped__ are lost."""

from collections.abc import Callable
from typing import Any


def shout(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        return result.upper() if isinstance(result, str) else result

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
