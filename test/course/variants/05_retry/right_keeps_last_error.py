"""Loops over every attempt, remembers the last error, and raises it after the loop."""

import functools
import time
from collections.abc import Callable


def retry[**P, R](
    times: int = 3,
    backoff: float = 0.1,
    exceptions: tuple[type[Exception], ...] = (Exception,),
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    if times < 1:
        raise ValueError(f"times must be >= 1, not {times}")

    def decorator(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            last_error: Exception | None = None
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions as error:
                    last_error = error
                    if attempt < times:
                        time.sleep(backoff * 2 ** (attempt - 1))
            assert last_error is not None
            raise last_error

        return wrapper

    return decorator
