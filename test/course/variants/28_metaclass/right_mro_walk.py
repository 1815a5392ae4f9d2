"""Tells a root by searching the whole MRO for a RegistryMeta class, and stores with dict.update."""

from typing import Any, ClassVar


class RegistryMeta(type):
    registry: ClassVar[dict[str, type]] = {}

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], /, **kwargs: Any
    ) -> "RegistryMeta":
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        ancestors = cls.__mro__[1:]
        if any(isinstance(ancestor, RegistryMeta) for ancestor in ancestors):
            RegistryMeta.registry.update({cls.__name__: cls})
        return cls


class Registered:
    registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Registered.registry.update({cls.__name__: cls})
