"""Computes elapsed in a getter when it is read, like a JS `get elapsed()`, so it keeps growing after the block."""

import time
from types import TracebackType
from typing import Self


class Timer:
    def __enter__(self) -> Self:
        self._start = time.perf_counter()
        return self

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self._start

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass
