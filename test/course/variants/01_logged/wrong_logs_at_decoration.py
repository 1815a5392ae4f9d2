"""Prints once when decorating instead of on every call."""

from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    print(f"calling {fn.__name__}")
    return fn
