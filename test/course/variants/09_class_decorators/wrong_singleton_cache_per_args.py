"""Uses functools.cache on the class, so different arguments build different instances."""

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
    return functools.cache(cls)


@singleton
class Settings:
    """Process-wide settings, built once from the environment name."""

    def __init__(self, env: str = "dev") -> None:
        self.env = env
        self.debug = env == "dev"
        self.feature_flags: set[str] = set()
