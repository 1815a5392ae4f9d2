"""Exercise 09 · class decorators: reference solution."""

import functools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point:
    """A point in the plane."""

    x: float
    y: float


def singleton[**P, T](cls: Callable[P, T]) -> Callable[P, T]:
    """Class decorator: every call returns the one instance of cls."""
    instance: T | None = None

    @functools.wraps(cls, updated=())
    def get_instance(*args: P.args, **kwargs: P.kwargs) -> T:
        nonlocal instance
        if instance is None:
            instance = cls(*args, **kwargs)
        return instance

    return get_instance


@singleton
class Settings:
    """Process-wide settings, built once from the environment name."""

    def __init__(self, env: str = "dev") -> None:
        self.env = env
        self.debug = env == "dev"
        self.feature_flags: set[str] = set()


# Why this way: @dataclass is the class decorator you will meet most. It reads
# the annotations once, at class creation, and writes __init__, __repr__ and
# __eq__; frozen=True adds __hash__ and blocks assignment, and slots=True
# rebuilds the class with __slots__ so instances carry no __dict__. singleton
# keeps its one instance in a closure, one per decorated class, and builds it
# on the first call, so a constructor that fails stores nothing.
# functools.wraps(cls, updated=()) copies the name and docstring without
# merging the class's __dict__ into the function's. `is None`, not a truth
# test, decides "not built yet": an instance may well be falsy (an empty
# container). The honest return type is Callable[P, T]: the ParamSpec P keeps
# the constructor's parameters, so Settings(env=1) is still a type error, but
# Settings is now a factory function, not a class, so isinstance(x, Settings)
# no longer works. Keep that trade-off in mind.
