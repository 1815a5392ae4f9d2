"""Calls issubclass with its arguments swapped, so it matches parents of the chosen types instead of subclasses."""

from types import TracebackType
from typing import Self


class Ignoring:
    def __init__(self, *exc_types: type[BaseException]) -> None:
        self.exc_types = exc_types
        self.ignored = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is not None and any(issubclass(chosen, exc_type) for chosen in self.exc_types):
            self.ignored += 1
            return True
        return False
