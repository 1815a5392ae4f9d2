"""Re-raises the error from the first attempt instead of the last."""

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
            first_error: Exception | None = None
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions as error:
                    first_error = first_error or error
                    if attempt < times - 1:
                        time.sleep(backoff * 2**attempt)
            assert first_error is not None
            raise first_error

        return wrapper

    return decorator
