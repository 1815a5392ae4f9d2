"""Exercise 28 · metaclass: reference solution."""

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
        # Registered.registry, not cls.registry = ...: one dict for the whole tree.
        Registered.registry[cls.__name__] = cls


# Why this way: a metaclass is the class of a class, so its __new__ runs once
# for every class statement that uses it, subclasses included, and can record
# each one. That is how Django's models and SQLAlchemy's declarative base
# found their subclasses for years. But a metaclass is inherited by every
# subclass and clashes with any other metaclass in a multiple-inheritance
# diamond, while `__init_subclass__` (3.6+) gives the same hook, "a subclass of
# me was just created", as an ordinary class method, with no metaclass at all:
# reach for it first. Both write to one dict named on the class itself, never
# to `cls.registry = ...`, which would hide it behind a new attribute.
