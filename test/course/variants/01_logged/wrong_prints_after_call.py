"""Prints the log line after calling fn instead of before."""

from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        result = fn(*args, **kwargs)
        print(f"calling {fn.__name__}")
        return result

    return wrapper
