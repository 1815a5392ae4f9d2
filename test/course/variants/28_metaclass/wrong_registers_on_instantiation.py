"""Registers in the metaclass's __call__, which runs when an instance is made, like a TS constructor, not when the class is."""

from typing import Any, ClassVar


class RegistryMeta(type):
    registry: ClassVar[dict[str, type]] = {}

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        if any(isinstance(base, RegistryMeta) for base in cls.__bases__):
            RegistryMeta.registry[cls.__name__] = cls
        return super().__call__(*args, **kwargs)


class Registered:
    registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Registered.registry, not cls.registry = ...: one dict for the whole tree.
        Registered.registry[cls.__name__] = cls
