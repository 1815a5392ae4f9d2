"""Spells out @classmethod on __init_subclass__, checks for a missing name by hand, and raises a LookupError subclass: KeyError."""

from typing import Any, ClassVar


class Plugin:
    registry: ClassVar[dict[str, type["Plugin"]]] = {}

    @classmethod
    def __init_subclass__(cls, *, name: str | None = None, **kwargs: Any) -> None:
        if name is None:
            raise TypeError(f"class {cls.__name__} must be declared with a name= class keyword")
        super().__init_subclass__(**kwargs)
        if name in cls.registry:
            raise ValueError(f"duplicate plugin name {name!r} (already used by {cls.registry[name].__name__})")
        cls.registry[name] = cls  # mutates the one dict defined on Plugin

    @classmethod
    def create(cls, name: str, *args: Any, **kwargs: Any) -> "Plugin":
        factory = cls.registry.get(name)
        if factory is None:
            raise KeyError(f"unknown plugin {name!r}; known plugins: {sorted(cls.registry)}")
        return factory(*args, **kwargs)
