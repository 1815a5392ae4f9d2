"""Stores every field under the same key ("_value") on the instance, so port and workers overwrite each other."""

from typing import Protocol, Self, overload


class Comparable(Protocol):
    """Anything that can be ordered against its own kind: int, float, str, date..."""

    def __lt__(self, other: Self, /) -> bool: ...
    def __le__(self, other: Self, /) -> bool: ...
    def __gt__(self, other: Self, /) -> bool: ...
    def __ge__(self, other: Self, /) -> bool: ...


class Bounded[T: Comparable]:
    """A reusable field that only accepts values with ``min <= value <= max``."""

    name: str

    def __init__(self, *, min: T, max: T) -> None:
        self.min = min
        self.max = max

    def __set_name__(self, owner: type[object], name: str) -> None:
        # Called once, when the owning class body is evaluated: this is how one
        # Bounded object learns whether it is `port` or `workers`.
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[object] | None = None) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: type[object] | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type[object] | None = None) -> Self | T:
        if instance is None:
            # Server.port: hand back the descriptor, so tools can inspect it.
            return self
        try:
            return instance.__dict__["_value"]
        except KeyError:
            raise AttributeError(
                f"{type(instance).__name__!r} object has no value for {self.name!r} yet"
            ) from None

    def __set__(self, instance: object, value: T) -> None:
        if not (self.min <= value <= self.max):
            raise ValueError(f"{self.name} must be between {self.min!r} and {self.max!r}, got {value!r}")
        instance.__dict__["_value"] = value


class Server:
    port: Bounded[int] = Bounded(min=1, max=65535)
    workers: Bounded[int] = Bounded(min=1, max=256)

    def __init__(self, port: int, workers: int) -> None:
        self.port = port
        self.workers = workers
