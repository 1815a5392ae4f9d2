"""Overrides __new__ only, so __init__ runs again on every call and resets the instance."""

import functools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point:
    """A point in the plane."""

    x: float
    y: float


def singleton[T](cls: type[T]) -> type[T]:
    """Class decorator: every call returns the one instance of cls."""
    instances: dict[type, object] = {}

    def __new__(klass: type, *args: object, **kwargs: object) -> object:
        if klass not in instances:
            instances[klass] = object.__new__(klass)
        return instances[klass]

    cls.__new__ = __new__  # type: ignore[method-assign, assignment]
    return cls


@singleton
class Settings:
    """Process-wide settings, built once from the environment name."""

    def __init__(self, env: str = "dev") -> None:
        self.env = env
        self.debug = env == "dev"
        self.feature_flags: set[str] = set()
