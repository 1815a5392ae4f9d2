"""Returns class entries as they are, never calling __get__, so a method comes back as a plain function."""

from collections.abc import Callable
from typing import Any, Self, overload


class lazy[T]:
    """A computed attribute that runs once per instance, then is a plain attribute."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type[object], name: str) -> None:
        # `area = lazy(compute_area)` must cache under "area", not "compute_area".
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[object] | None = None) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: type[object] | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type[object] | None = None) -> Self | T:
        if instance is None:
            return self
        try:
            cache = instance.__dict__
        except AttributeError:
            raise TypeError(
                f"lazy cannot cache {self.name!r}: {type(instance).__name__!r} instances have no "
                "__dict__ (the class uses __slots__)"
            ) from None
        value = self.compute(instance)
        # Straight into the instance dict, not through setattr: that also works
        # on frozen dataclasses, and from now on Python finds the value there
        # before it ever looks at this (non-data) descriptor.
        cache[self.name] = value
        return value


_MISSING: Any = object()


def _on_type(cls: type, name: str) -> Any:
    """The first entry called `name` in the class dicts along cls's MRO, or _MISSING."""
    for klass in cls.__mro__:
        if name in vars(klass):
            return vars(klass)[name]
    return _MISSING


def _bind(attr: Any, obj: object) -> Any:
    """What `attr` becomes when read through `obj`: its __get__ result, if its type has one."""
    getter = _on_type(type(attr), "__get__")
    return attr if getter is _MISSING else getter(attr, obj, type(obj))


def _is_data_descriptor(attr: Any) -> bool:
    kind = type(attr)
    return _on_type(kind, "__set__") is not _MISSING or _on_type(kind, "__delete__") is not _MISSING


def _generic_lookup(obj: object, name: str) -> Any:
    """What object.__getattribute__ does."""
    on_type = _on_type(type(obj), name)
    if on_type is not _MISSING and _is_data_descriptor(on_type):
        return _bind(on_type, obj)
    try:
        instance_dict = obj.__dict__
    except AttributeError:
        instance_dict = {}  # a __slots__ instance has no dict to look in
    if name in instance_dict:
        return instance_dict[name]  # returned as stored: instance values are never bound
    if on_type is not _MISSING:
        return on_type
    raise AttributeError(f"{type(obj).__name__!r} object has no attribute {name!r}", name=name, obj=obj)


def lookup(obj: object, name: str) -> Any:
    """Find `obj.<name>` the way Python does, without asking Python to do it."""
    try:
        return _generic_lookup(obj, name)
    except AttributeError:
        # Python calls __getattr__ whenever the normal lookup raised
        # AttributeError, even from inside a property's getter.
        hook = _on_type(type(obj), "__getattr__")
        if hook is _MISSING:
            raise
        return _bind(hook, obj)(name)
