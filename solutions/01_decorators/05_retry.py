"""Exercise 05 · retry: reference solution."""

import functools
import time
from collections.abc import Callable


def retry[**P, R](
    times: int = 3,
    backoff: float = 0.1,
    exceptions: tuple[type[Exception], ...] = (Exception,),
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    if times < 1:
        raise ValueError(f"times must be at least 1, got {times}")

    def decorator(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(times - 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    time.sleep(backoff * 2**attempt)
            # The last attempt stands alone: nothing to sleep for afterwards, and
            # its error (if any) propagates exactly as fn raised it.
            return fn(*args, **kwargs)

        return wrapper

    return decorator


# Why this way: each layer runs at its own moment. retry(...) runs once, where
# `@retry(...)` is written, so a bad `times` fails at import, not at 3 a.m. on the
# first call; decorator(fn) runs once per decorated function; wrapper runs on
# every call and keeps its attempt count in a local, so calls never share state.
# Moving the last try out of the loop makes "no sleep after the last attempt" and
# "re-raise the last error" fall out of the structure, with no bookkeeping, and
# `except exceptions` matches subclasses of the listed types, as `except` does.
