"""Counts every exception the block raised, also those it lets through."""

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
        if exc_type is None:
            return False
        self.ignored += 1
        return issubclass(exc_type, self.exc_types)
