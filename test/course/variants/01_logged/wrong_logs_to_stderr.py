"""Writes the line to stderr, the way Go's log package does, instead of printing it."""

import sys
from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        print(f"calling {fn.__name__}", file=sys.stderr)
        return fn(*args, **kwargs)

    return wrapper
