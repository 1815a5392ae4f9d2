"""Declares both interfaces as abstract base classes, which only match by inheritance, like a Java interface."""

from collections.abc import Iterable
from abc import ABC, abstractmethod


class SupportsClose(ABC):
    @abstractmethod
    def close(self) -> None: ...


class Readable(ABC):
    @abstractmethod
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    errors: list[Exception] = []
    for item in items:
        try:
            item.close()
        except Exception as error:  # not BaseException: Ctrl-C must still stop us
            errors.append(error)
    if errors:
        raise ExceptionGroup(f"{len(errors)} item(s) failed to close", errors)
