"""Binds by asking the function's own __get__ (fn.__get__(cls)), and counts in a try/finally."""

import functools
import types
from collections.abc import Callable
from typing import Any


class my_staticmethod:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self.__func__ = fn

    def __get__(self, obj: object, objtype: type | None = None) -> Callable[..., Any]:
        @functools.wraps(self.__func__)
        def plain(*args: Any, **kwargs: Any) -> Any:
            return self.__func__(*args, **kwargs)

        return plain


class my_classmethod:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self.__func__ = fn

    def __get__(self, obj: object, objtype: type | None = None) -> Callable[..., Any]:
        if objtype is None:
            objtype = type(obj)
        # A function bound to the class, exactly as if the class were an instance.
        return self.__func__.__get__(objtype, type(objtype))


class CountCalls:
    def __init__(self, fn: Callable[..., Any]) -> None:
        functools.update_wrapper(self, fn)
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return self.__wrapped__(*args, **kwargs)
        finally:
            self.calls += 1

    def __get__(self, obj: object, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        return types.MethodType(self, obj)
