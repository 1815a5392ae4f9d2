"""Prints fn.__qualname__, so a method is logged as "Class.method"."""

from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        print(f"calling {fn.__qualname__}")
        return fn(*args, **kwargs)

    return wrapper
