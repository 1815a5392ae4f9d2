"""Keeps one module-level instance for every decorated class."""

import functools
from typing import Any
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point:
    """A point in the plane."""

    x: float
    y: float


_instance: Any = None


def singleton[T](cls: type[T]) -> Callable[..., T]:
    """Class decorator: every call returns the one instance of cls."""

    @functools.wraps(cls, updated=())
    def get_instance(*args: object, **kwargs: object) -> T:
        global _instance
        if _instance is None:
            _instance = cls(*args, **kwargs)
        return _instance

    return get_instance


@singleton
class Settings:
    """Process-wide settings, built once from the environment name."""

    def __init__(self, env: str = "dev") -> None:
        self.env = env
        self.debug = env == "dev"
        self.feature_flags: set[str] = set()
