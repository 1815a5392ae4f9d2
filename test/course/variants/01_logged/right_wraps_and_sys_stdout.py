"""Uses functools.wraps and writes the line with sys.stdout.write."""

import functools
import sys
from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        sys.stdout.write(f"calling {fn.__name__}\n")
        return fn(*args, **kwargs)

    return wrapper
