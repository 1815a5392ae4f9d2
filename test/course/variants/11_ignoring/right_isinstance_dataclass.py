"""A dataclass that matches the exception object with isinstance."""

from dataclasses import dataclass, field
from types import TracebackType
from typing import Self


@dataclass(init=False)
class Ignoring:
    exc_types: tuple[type[BaseException], ...]
    ignored: int = field(default=0)

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
        if isinstance(exc, self.exc_types):
            self.ignored += 1
            return True
        return False
