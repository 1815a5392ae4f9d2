"""Delegates the matching to a contextlib.suppress it holds, and adds the counter."""

from contextlib import suppress
from types import TracebackType
from typing import Self


class Ignoring:
    def __init__(self, *exc_types: type[BaseException]) -> None:
        self._suppress = suppress(*exc_types)
        self.ignored = 0

    def __enter__(self) -> Self:
        self._suppress.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        swallowed = self._suppress.__exit__(exc_type, exc, tb)
        if swallowed:
            self.ignored += 1
        return swallowed
