"""Static method that returns itself as a callable, classmethod via functools.partial, CountCalls with a bound proxy class."""

from collections.abc import Callable
from functools import partial
from typing import Any


class my_staticmethod:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn

    def __get__(self, obj: object, objtype: type | None = None) -> "my_staticmethod":
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)


class my_classmethod:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn

    def __get__(self, obj: object, objtype: type | None = None) -> Callable[..., Any]:
        owner = objtype if objtype is not None else type(obj)
        return partial(self.fn, owner)


class _BoundCounter:
    """What `instance.method` returns: remembers the instance, counts through the decorator."""

    def __init__(self, counter: "CountCalls", obj: object) -> None:
        self._counter = counter
        self._obj = obj

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._counter(self._obj, *args, **kwargs)

    @property
    def calls(self) -> int:
        return self._counter.calls

    def __getattr__(self, name: str) -> Any:
        return getattr(self._counter, name)


class CountCalls:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.calls = 0
        self.__name__ = fn.__name__
        self.__doc__ = fn.__doc__

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.fn(*args, **kwargs)

    def __get__(self, obj: object, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        return _BoundCounter(self, obj)
