"""Checks times < 1 only when the wrapped function is called, not when retry() is."""

import functools
import time
from collections.abc import Callable
from typing import Any


def retry(
    times: int = 3,
    backoff: float = 0.1,
    exceptions: tuple[type[Exception], ...] = (Exception,),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if times < 1:
                raise ValueError("times must be at least 1")
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times - 1:
                        raise
                    time.sleep(backoff * 2**attempt)

        return wrapper

    return decorator
