"""Binds with functools.partial, so obj.method.calls does not exist."""

import functools
from collections.abc import Callable
from types import MethodType
from typing import Concatenate, Self, overload


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

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Self: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> Callable[..., R]: ...
    def __get__(self, obj: object | None, objtype: type | None = None) -> Self | Callable[..., R]:
        if obj is None:
            return self  # Class.method: the decorator itself, as a plain function would be
        # A bound method whose __func__ is this object: calling it calls
        # self(obj, ...), and reading .calls or __name__ on it falls through to us.
        return functools.partial(self, obj)
