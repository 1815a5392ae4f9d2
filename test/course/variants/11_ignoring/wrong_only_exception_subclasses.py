"""Refuses to swallow anything outside Exception, even a BaseException type the caller chose."""

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
        if exc_type is None or not issubclass(exc_type, Exception):
            return False
        if issubclass(exc_type, self.exc_types):
            self.ignored += 1
            return True
        return False
