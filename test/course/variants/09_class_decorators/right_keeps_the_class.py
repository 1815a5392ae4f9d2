"""Keeps the decorated class a real class by patching __new__ and __init__ in place."""

import functools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point:
    """A point in the plane."""

    x: float
    y: float


def singleton[T](cls: type[T]) -> type[T]:
    """Class decorator: keeps cls a real class (isinstance works) by patching __new__ and __init__."""
    original_init = cls.__init__
    instance: T | None = None

    def __new__(klass: type[T], *args: object, **kwargs: object) -> T:
        nonlocal instance
        if instance is None:
            created = object.__new__(klass)
            original_init(created, *args, **kwargs)
            instance = created
        return instance

    def __init__(self: T, *args: object, **kwargs: object) -> None:
        pass  # the real __init__ already ran, once, inside __new__

    cls.__new__ = __new__  # type: ignore[method-assign, assignment]
    cls.__init__ = __init__  # type: ignore[method-assign, assignment]
    return cls


@singleton
class Settings:
    """Process-wide settings, built once from the environment name."""

    def __init__(self, env: str = "dev") -> None:
        self.env = env
        self.debug = env == "dev"
        self.feature_flags: set[str] = set()
