"""Keeps the attempt counter in the decorator, so later calls inherit earlier failures."""

import functools
import time
from collections.abc import Callable
from typing import Any


def retry(
    times: int = 3,
    backoff: float = 0.1,
    exceptions: tuple[type[Exception], ...] = (Exception,),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    if times < 1:
        raise ValueError("times must be at least 1")

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        attempt = 0

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            nonlocal attempt
            while True:
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt >= times - 1:
                        raise
                    time.sleep(backoff * 2**attempt)
                    attempt += 1

        return wrapper

    return decorator
