"""Exercise 01 · logged: reference solution."""

from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        print(f"calling {fn.__name__}")
        return fn(*args, **kwargs)

    return wrapper


# Why this way: the wrapper forwards *args and **kwargs untouched, so logged
# fits any function, and `[**P, R]` tells a type checker that the wrapper takes
# the same parameters and returns the same type as fn. The print runs *before*
# the call, so the log line appears even if fn raises. Exercise 02 fixes what
# this version still loses: the wrapper's name and docstring are not fn's.
