"""Prints the wrapper's own name rather than the wrapped function's."""

from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        print(f"calling {wrapper.__name__}")
        return fn(*args, **kwargs)

    return wrapper
