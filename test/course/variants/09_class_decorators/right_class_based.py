"""A class-based decorator: its instance replaces the class and remembers the one object."""

import functools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point:
    """A point in the plane."""

    x: float
    y: float


class singleton:
    """Class decorator: the decorator instance stands in for the class."""

    def __init__(self, cls: type) -> None:
        functools.update_wrapper(self, cls, updated=())
        self._cls = cls
        self._instance: object | None = None

    def __call__(self, *args: object, **kwargs: object) -> object:
        if self._instance is None:
            self._instance = self._cls(*args, **kwargs)
        return self._instance


@singleton
class Settings:
    """Process-wide settings, built once from the environment name."""

    def __init__(self, env: str = "dev") -> None:
        self.env = env
        self.debug = env == "dev"
        self.feature_flags: set[str] = set()
