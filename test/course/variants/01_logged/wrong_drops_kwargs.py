"""Forwards only positional arguments, so keyword arguments are lost."""

from collections.abc import Callable
from typing import Any


def logged(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any) -> Any:
        print(f"calling {fn.__name__}")
        return fn(*args)

    return wrapper
