"""Builds Registered on a second metaclass instead of __init_subclass__, so type(Registered) is not type."""

from typing import Any, ClassVar


class RegistryMeta(type):
    registry: ClassVar[dict[str, type]] = {}

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], /, **kwargs: Any
    ) -> "RegistryMeta":
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        # A root is a class none of whose bases was made by this metaclass.
        if any(isinstance(base, RegistryMeta) for base in bases):
            RegistryMeta.registry[name] = cls
        return cls


class _RegisteredMeta(type):
    def __init__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], /, **kwargs: Any) -> None:
        super().__init__(name, bases, namespace, **kwargs)
        if bases:
            Registered.registry[name] = cls


class Registered(metaclass=_RegisteredMeta):
    registry: ClassVar[dict[str, type]] = {}
