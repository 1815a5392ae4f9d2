"""Keeps the values in a WeakKeyDictionary on the descriptor, keyed by instance, and returns Bounded[T] on the class."""

from typing import Protocol, Self, overload
from weakref import WeakKeyDictionary


class Comparable(Protocol):
    def __le__(self, other: Self, /) -> bool: ...


class Bounded[T: Comparable]:
    def __init__(self, *, min: T, max: T) -> None:
        self.min, self.max = min, max
        self.name = "?"
        # Keyed by the instance itself: each Server gets its own entry, and the
        # entry disappears with the Server.
        self.values: WeakKeyDictionary[object, T] = WeakKeyDictionary()

    def __set_name__(self, owner: type[object], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[object] | None = None) -> "Bounded[T]": ...
    @overload
    def __get__(self, instance: object, owner: type[object] | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type[object] | None = None) -> "Bounded[T] | T":
        if instance is None:
            return self
        if instance not in self.values:
            raise AttributeError(f"{self.name} has not been set")
        return self.values[instance]

    def __set__(self, instance: object, value: T) -> None:
        match value:
            case _ if self.min <= value and value <= self.max:
                self.values[instance] = value
            case _:
                raise ValueError(f"{self.name}: {value!r} not in range {self.min!r}..{self.max!r}")


class Server:
    port: Bounded[int] = Bounded(min=1, max=65535)
    workers: Bounded[int] = Bounded(min=1, max=256)

    def __init__(self, port: int, workers: int) -> None:
        self.port = port
        self.workers = workers
