"""CountCalls without __get__: on a method, the instance never arrives as self."""

import functools
from collections.abc import Callable
from types import MethodType
from typing import Concatenate


class my_staticmethod[**P, R]:
    def __init__(self, fn: Callable[P, R]) -> None:
        self.fn = fn

    def __get__(self, obj: object | None, objtype: type | None = None) -> Callable[P, R]:
        # Nothing to bind: the same plain function, whoever asks.
        return self.fn


class my_classmethod[T, **P, R]:
    def __init__(self, fn: Callable[Concatenate[type[T], P], R]) -> None:
        self.fn = fn

    def __get__(self, obj: T | None, objtype: type[T] | None = None) -> Callable[P, R]:
        if objtype is None:
            if obj is None:
                raise TypeError("__get__(None, None) is invalid: pass an instance or an owner class")
            objtype = type(obj)
        # The class it was reached through, so a subclass gets itself, not the base.
        return MethodType(self.fn, objtype)


class CountCalls[**P, R]:
    def __init__(self, fn: Callable[P, R]) -> None:
        functools.update_wrapper(self, fn)  # __name__, __doc__, __wrapped__, ...
        self.fn = fn
        self.calls = 0

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        self.calls += 1  # before the call, so a call that raises is counted too
        return self.fn(*args, **kwargs)

