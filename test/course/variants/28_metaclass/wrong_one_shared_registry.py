"""Both mechanisms write to one module-level dict, like a package-level map in Go."""

from typing import Any, ClassVar


_registry: dict[str, type] = {}


class RegistryMeta(type):
    registry: ClassVar[dict[str, type]] = _registry

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], /, **kwargs: Any
    ) -> "RegistryMeta":
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        # A root is a class none of whose bases was made by this metaclass.
        if any(isinstance(base, RegistryMeta) for base in bases):
            RegistryMeta.registry[name] = cls
        return cls


class Registered:
    registry: ClassVar[dict[str, type]] = _registry

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Registered.registry, not cls.registry = ...: one dict for the whole tree.
        Registered.registry[cls.__name__] = cls
