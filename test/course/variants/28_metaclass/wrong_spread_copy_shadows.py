"""Updates the registry immutably, React-style (`cls.registry = {**cls.registry, ...}`), which gives each subclass its own dict."""

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


class Registered:
    registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.registry = {**cls.registry, cls.__name__: cls}
