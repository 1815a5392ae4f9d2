"""Builds the instance when the class is decorated instead of on the first call."""

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
    instance = cls()

    @functools.wraps(cls, updated=())
    def get_instance(*args: object, **kwargs: object) -> T:
        return instance

    return get_instance


@singleton
class Settings:
    """Process-wide settings, built once from the environment name."""

    def __init__(self, env: str = "dev") -> None:
        self.env = env
        self.debug = env == "dev"
        self.feature_flags: set[str] = set()
