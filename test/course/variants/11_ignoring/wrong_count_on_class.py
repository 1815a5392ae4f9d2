"""Counts on the class (Ignoring.ignored += 1), like a static field, so every instance shares one count."""

from types import TracebackType
from typing import Self


class Ignoring:
    ignored = 0

    def __init__(self, *exc_types: type[BaseException]) -> None:
        self.exc_types = exc_types

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is not None and issubclass(exc_type, self.exc_types):
            Ignoring.ignored += 1
            return True
        return False
