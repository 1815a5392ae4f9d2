"""Upper-cases correctly but forgets functools.wraps, so greet looks like `wrapper`."""

from collections.abc import Callable
from typing import Any


def shout(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        return result.upper() if isinstance(result, str) else result

    return wrapper


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
