"""Classic style: a TypeVar with Generic, values kept in a private `_<name>` attribute via setattr/getattr."""

from typing import Any, Generic, Protocol, TypeVar, overload


class SupportsOrdering(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=SupportsOrdering)


class Bounded(Generic[T]):
    def __init__(self, *, min: T, max: T) -> None:
        self.min = min
        self.max = max
        self.private_name = ""
        self.public_name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.public_name = name
        self.private_name = "_" + name

    @overload
    def __get__(self, instance: None, owner: type) -> "Bounded[T]": ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> "T | Bounded[T]":
        if instance is None:
            return self
        return getattr(instance, self.private_name)

    def __set__(self, instance: object, value: T) -> None:
        if value < self.min or self.max < value:
            raise ValueError(
                f"{type(instance).__name__}.{self.public_name}={value!r} is outside [{self.min!r}, {self.max!r}]"
            )
        setattr(instance, self.private_name, value)


class Server:
    port: Bounded[int] = Bounded(min=1, max=65535)
    workers: Bounded[int] = Bounded(min=1, max=256)

    def __init__(self, port: int, workers: int) -> None:
        self.port = port
        self.workers = workers
