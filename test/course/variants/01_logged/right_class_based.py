"""A class-based decorator: the instance is the wrapper, via __call__."""

import functools
from collections.abc import Callable


class logged[**P, R]:
    def __init__(self, fn: Callable[P, R]) -> None:
        functools.update_wrapper(self, fn)
        self._fn = fn

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        print(f"calling {self._fn.__name__}")
        return self._fn(*args, **kwargs)
