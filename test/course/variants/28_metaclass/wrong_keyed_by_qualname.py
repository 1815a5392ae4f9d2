"""Keys both registries by __qualname__, so a class defined in a function is stored as 'f.<locals>.Name'."""

from typing import Any, ClassVar


class RegistryMeta(type):
    registry: ClassVar[dict[str, type]] = {}

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], /, **kwargs: Any
    ) -> "RegistryMeta":
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        # A root is a class none of whose bases was made by this metaclass.
        if any(isinstance(base, RegistryMeta) for base in bases):
            RegistryMeta.registry[cls.__qualname__] = cls
        return cls


class Registered:
    registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Registered.registry, not cls.registry = ...: one dict for the whole tree.
        Registered.registry[cls.__qualname__] = cls
