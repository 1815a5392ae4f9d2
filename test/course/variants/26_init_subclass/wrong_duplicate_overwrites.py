"""Registers without checking, so a second plugin with the same name silently replaces the first."""

from typing import Any, ClassVar


class Plugin:
    """Base class of plugins; each subclass registers itself under its `name=`."""

    # One dict, created once, on Plugin itself: every subclass writes to this
    # very object through the name `Plugin.registry`.
    registry: ClassVar[dict[str, type["Plugin"]]] = {}

    def __init_subclass__(cls, *, name: str, **kwargs: Any) -> None:
        # `name` is ours, so it is taken out of kwargs by the signature; the rest
        # belongs to the other bases in the MRO, and super() hands it on to them.
        super().__init_subclass__(**kwargs)
        Plugin.registry[name] = cls

    @classmethod
    def create(cls, name: str, *args: Any, **kwargs: Any) -> "Plugin":
        """Build the plugin registered as `name`, passing the arguments on."""
        try:
            plugin = Plugin.registry[name]
        except KeyError:
            available = ", ".join(sorted(Plugin.registry)) or "none"
            raise KeyError(f"no plugin named {name!r}; available: {available}") from None
        return plugin(*args, **kwargs)

