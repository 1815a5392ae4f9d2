"""A cooperative metaclass: it takes name= for itself and hands every other class keyword on to type.__new__, so mixin hooks still run."""

from typing import Any, ClassVar


class PluginMeta(type):
    def __new__(mcs, clsname: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> "PluginMeta":
        if not bases:  # Plugin itself: the root is not a plugin
            return super().__new__(mcs, clsname, bases, namespace, **kwargs)
        if "name" not in kwargs:
            raise TypeError(f"{clsname} needs a name= class keyword")
        name = kwargs.pop("name")
        if name in Plugin.registry:
            raise ValueError(f"plugin name {name!r} is already taken by {Plugin.registry[name].__qualname__}")
        # type.__new__ calls the bases' __init_subclass__ hooks with these kwargs.
        cls = super().__new__(mcs, clsname, bases, namespace, **kwargs)
        Plugin.registry[name] = cls  # type: ignore[assignment]
        return cls

    def __init__(cls, clsname: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(clsname, bases, namespace)


class Plugin(metaclass=PluginMeta):
    registry: ClassVar[dict[str, type["Plugin"]]] = {}

    @classmethod
    def create(cls, name: str, *args: Any, **kwargs: Any) -> "Plugin":
        if name not in Plugin.registry:
            raise KeyError(f"no plugin named {name!r}; available: {', '.join(sorted(Plugin.registry))}")
        return Plugin.registry[name](*args, **kwargs)
