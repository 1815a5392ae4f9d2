"""Registers in the metaclass's __init__ instead of __new__, and Registered writes through its own class name."""

from typing import Any, ClassVar


class RegistryMeta(type):
    registry: ClassVar[dict[str, type]] = {}

    def __init__(
        cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], /, **kwargs: Any
    ) -> None:
        super().__init__(name, bases, namespace, **kwargs)
        if any(isinstance(base, RegistryMeta) for base in bases):
            type(cls).registry[cls.__name__] = cls


class Registered:
    registry: ClassVar[dict[str, type]] = {}

    @classmethod
    def __init_subclass__(cls, /, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.registry[cls.__name__] = cls  # mutates the one dict found on Registered
