"""Builds with `instance = instance or cls(...)`, like JS's `||=`, so a falsy instance is rebuilt on every call."""

import functools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point:
    """A point in the plane."""

    x: float
    y: float


def singleton[T](cls: type[T]) -> Callable[..., T]:
    """Class decorator: every call returns the one instance of cls."""
    instance: T | None = None

    @functools.wraps(cls, updated=())
    def get_instance(*args: object, **kwargs: object) -> T:
        nonlocal instance
        instance = instance or cls(*args, **kwargs)
        return instance

    return get_instance


@singleton
class Settings:
    """Process-wide settings, built once from the environment name."""

    def __init__(self, env: str = "dev") -> None:
        self.env = env
        self.debug = env == "dev"
        self.feature_flags: set[str] = set()

