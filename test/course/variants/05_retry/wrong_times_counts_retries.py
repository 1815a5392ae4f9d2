"""Treats times as the number of retries after the first try: one try too many."""

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
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for attempt in range(times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times:
                        raise
                    time.sleep(backoff * 2**attempt)

        return wrapper

    return decorator
