"""Mirrors functools.cached_property: an explicit attrname check, and lookup split into small MRO helpers."""

from collections.abc import Callable
from typing import Any, Self, overload

_NOT_FOUND = object()


class lazy[T]:
    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.attrname: str | None = None

    def __set_name__(self, owner: type[object], name: str) -> None:
        self.attrname = name

    @overload
    def __get__(self, instance: None, owner: type[object] | None = None) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: type[object] | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type[object] | None = None) -> Self | T:
        if instance is None:
            return self
        assert self.attrname is not None, "lazy used outside a class body"
        cache: dict[str, Any] | None = getattr(instance, "__dict__", None)
        if cache is None:
            raise TypeError(
                f"No '__dict__' attribute on {type(instance).__name__!r} instance to cache {self.attrname!r} property."
            )
        val = cache.get(self.attrname, _NOT_FOUND)
        if val is _NOT_FOUND:
            val = self.func(instance)
            cache[self.attrname] = val
        return val


def _mro_lookup(cls: type, name: str) -> tuple[bool, Any]:
    for base in cls.__mro__:
        namespace = base.__dict__
        if name in namespace:
            return True, namespace[name]
    return False, None


def _has_special(value: object, dunder: str) -> bool:
    return _mro_lookup(type(value), dunder)[0]


def _get(value: Any, obj: object) -> Any:
    found, getter = _mro_lookup(type(value), "__get__")
    return getter(value, obj, type(obj)) if found else value


def lookup(obj: object, name: str) -> Any:
    try:
        found, attr = _mro_lookup(type(obj), name)
        if found and (_has_special(attr, "__set__") or _has_special(attr, "__delete__")):
            return _get(attr, obj)
        instance_vars: dict[str, Any] = getattr(obj, "__dict__", {})
        value = instance_vars.get(name, _NOT_FOUND)
        if value is not _NOT_FOUND:
            return value
        if found:
            return _get(attr, obj)
        raise AttributeError(name)
    except AttributeError as error:
        has_hook, hook = _mro_lookup(type(obj), "__getattr__")
        if not has_hook:
            raise AttributeError(f"{type(obj).__name__!r} object has no attribute {name!r}") from error
        return _get(hook, obj)(name)
