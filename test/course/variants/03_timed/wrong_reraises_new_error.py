"""Re-raises a new RuntimeError instead of letting the original exception through."""

import functools
import time
from collections.abc import Callable


def timed[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise RuntimeError(f"{fn.__name__} failed") from exc
        finally:
            print(f"{fn.__name__} took {(time.perf_counter() - started) * 1000:.2f}ms")

    return wrapper
