"""Treats any class with bases as a subclass (`if bases:`), so a root with a mixin or `object` base is recorded."""

from typing import Any, ClassVar


class RegistryMeta(type):
    registry: ClassVar[dict[str, type]] = {}

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], /, **kwargs: Any
    ) -> "RegistryMeta":
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if bases:  # skip the root, which has no bases
            RegistryMeta.registry[name] = cls
        return cls


class Registered:
    registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Registered.registry, not cls.registry = ...: one dict for the whole tree.
        Registered.registry[cls.__name__] = cls
