"""Upper-cases the str arguments going in instead of the result coming out."""

import functools
from collections.abc import Callable
from typing import Any


def shout(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        loud = [arg.upper() if isinstance(arg, str) else arg for arg in args]
        return fn(*loud, **kwargs)

    return wrapper


@shout
def greet(name: str) -> str:
    """Return a friendly greeting for ``name``."""
    return f"Hello, {name}!"
