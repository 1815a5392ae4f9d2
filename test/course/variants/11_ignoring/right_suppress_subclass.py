"""Builds on contextlib.suppress: reuses its matching and adds the counter."""

from contextlib import suppress
from types import TracebackType
from typing import Self


class Ignoring(suppress):
    def __init__(self, *exc_types: type[BaseException]) -> None:
        super().__init__(*exc_types)
        self.ignored = 0

    def __enter__(self) -> Self:  # suppress.__enter__ returns None
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        swallowed = super().__exit__(exc_type, exc, tb)
        if swallowed:
            self.ignored += 1
        return swallowed
