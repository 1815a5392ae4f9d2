"""Spreads the keyword arguments' values positionally, like JS's ...Object.values(opts)."""

from collections.abc import Callable
from typing import Any


def logged(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        print(f"calling {fn.__name__}")
        return fn(*args, *kwargs.values())

    return wrapper
