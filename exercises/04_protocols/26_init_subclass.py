"""Exercise 26 · init_subclass: a plugin registry that fills itself.

Make every subclass of `Plugin` register itself, under the name given as a
class keyword: `class CsvExporter(Plugin, name="csv")` puts
`"csv": CsvExporter` into `Plugin.registry`. Every subclass needs its own name,
a subclass of a plugin too. A subclass without `name=` is a `TypeError`; a name
that is already taken is a `ValueError` naming it and the class that holds it
(the registry keeps that class). Other base classes with their own
`__init_subclass__` (and their own class keywords) must keep working, whichever
order the bases come in. `Plugin.create(name, *args, **kwargs)` builds an
instance of the plugin registered as `name`, passing the arguments on; an
unknown name is a `KeyError` naming it and listing the available names.

You know this from TypeScript/Go as a registry filled by hand: a
`registerExporter("csv", CsvExporter)` call after each class, or Go's
`func init() { exporters.Register("csv", ...) }` in each package. What carries
over: one map, name to implementation, and a factory that looks it up. The
false friend: here the parent runs code when a subclass is *defined*
(`__init_subclass__`, called on the parent with the class keywords), nothing
has to be called by hand, and the hook is shared with every other base class
through `super()`, like a constructor chain rather than a single override.
"""

from typing import Any, ClassVar


class Plugin:
    registry: ClassVar[dict[str, type["Plugin"]]] = {}

    def __init_subclass__(cls, *, name: str, **kwargs: Any) -> None:
        # TODO: let the other bases in the MRO run their hooks, with the class
        #       keywords that are theirs (everything but name).
        # TODO: refuse a name that is already registered (ValueError naming it
        #       and the class that has it), then register cls under name.
        pass

    @classmethod
    def create(cls, name: str, *args: Any, **kwargs: Any) -> "Plugin":
        # TODO: look the plugin up (KeyError naming the unknown name and listing
        #       the available ones), then return an instance built with the
        #       arguments.
        raise NotImplementedError("Plugin.create")
