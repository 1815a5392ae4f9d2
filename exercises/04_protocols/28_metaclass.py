"""Exercise 28 · metaclass: the class of a class, and why you rarely need one.

Write `RegistryMeta`, a metaclass that records every class created with it in
`RegistryMeta.registry` (a dict from the class's `__name__` to the class),
except a root: a class none of whose bases was itself made by `RegistryMeta`,
such as `class Model(metaclass=RegistryMeta)`. Its subclasses, and theirs, are
recorded. Then get the same behaviour without a metaclass: every subclass of
`Registered`, at any depth, lands in `Registered.registry`, through
`__init_subclass__` (`Registered` itself is not recorded, and `type(Registered)`
stays `type`). The two registries are separate dicts, and class keywords such
as `class Child(Base, tag="x")` still reach the other bases' hooks.

You know this from TypeScript/Go as... nothing quite: TS decorators on a class
run once per decorated class, not for its subclasses, and Go has no
inheritance to hook into. What carries over: a registry filled as a side effect
of a declaration, like `database/sql` drivers calling `sql.Register` from
`init()`. The false friend: in Python a class statement is code that runs, and
the metaclass (by default `type`) is the function that builds the class object,
so it sees every subclass being created. That power is rarely worth it:
`__init_subclass__` gives a base class the same hook with no metaclass at all.
"""

from typing import Any, ClassVar


class RegistryMeta(type):
    registry: ClassVar[dict[str, type]] = {}

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], /, **kwargs: Any
    ) -> "RegistryMeta":
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        # TODO: record cls in RegistryMeta.registry under its name, unless it
        #       is a root (none of its bases is an instance of RegistryMeta).
        return cls


class Registered:
    registry: ClassVar[dict[str, type]] = {}

    # TODO: define __init_subclass__(cls, **kwargs): pass kwargs on to
    #       super().__init_subclass__, then record cls in Registered.registry.
