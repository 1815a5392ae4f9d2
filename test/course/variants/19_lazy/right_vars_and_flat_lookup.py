"""Uses vars() with a TypeError re-raise for lazy, and one flat lookup function with for/else loops."""

from collections.abc import Callable
from typing import Any


class lazy[T]:
    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.attr = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = name

    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        try:
            storage = vars(instance)
        except TypeError:
            raise TypeError(f"cannot cache {type(instance).__qualname__}.{self.attr}: no instance __dict__") from None
        result = storage[self.attr] = self.compute(instance)
        return result


def lookup(obj: object, name: str) -> Any:
    cls = type(obj)
    try:
        for klass in cls.__mro__:
            if name in klass.__dict__:
                attr = klass.__dict__[name]
                break
        else:
            attr = None
            klass = None
        kind = type(attr)
        is_data = klass is not None and any("__set__" in k.__dict__ or "__delete__" in k.__dict__ for k in kind.__mro__)
        if is_data and hasattr(kind, "__get__"):
            return kind.__get__(attr, obj, cls)
        own = obj.__dict__ if hasattr(obj, "__dict__") else {}
        if name in own:
            return own[name]
        if klass is not None:
            return kind.__get__(attr, obj, cls) if hasattr(kind, "__get__") else attr
        raise AttributeError(f"no attribute {name!r} on {cls.__name__} instance")
    except AttributeError:
        for klass in cls.__mro__:
            if "__getattr__" in klass.__dict__:
                return klass.__dict__["__getattr__"](obj, name)
        raise
