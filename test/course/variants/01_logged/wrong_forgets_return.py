"""Calls fn but forgets to return its result."""

from collections.abc import Callable
from typing import Any


def logged(fn: Callable[..., Any]) -> Callable[..., None]:
    def wrapper(*args: Any, **kwargs: Any) -> None:
        print(f"calling {fn.__name__}")
        fn(*args, **kwargs)

    return wrapper
