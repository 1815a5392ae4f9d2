"""Skips only the very first class made with the metaclass, so a second root is recorded."""

from typing import Any, ClassVar


class RegistryMeta(type):
    registry: ClassVar[dict[str, type]] = {}
    _seen_root: ClassVar[bool] = False

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], /, **kwargs: Any
    ) -> "RegistryMeta":
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if RegistryMeta._seen_root:
            RegistryMeta.registry[name] = cls
        RegistryMeta._seen_root = True
        return cls


class Registered:
    registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Registered.registry, not cls.registry = ...: one dict for the whole tree.
        Registered.registry[cls.__name__] = cls
