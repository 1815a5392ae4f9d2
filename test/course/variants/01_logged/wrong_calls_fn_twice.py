"""Calls fn once to log and once more to return, so fn runs twice per call."""

from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        print(f"calling {fn.__name__}")
        fn(*args, **kwargs)
        return fn(*args, **kwargs)

    return wrapper
