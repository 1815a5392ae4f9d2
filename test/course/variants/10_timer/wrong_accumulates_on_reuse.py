"""Adds each block's time to elapsed (+=), so a reused Timer reports the total of all its blocks."""

import time
from types import TracebackType
from typing import Self


class Timer:
    def __init__(self) -> None:
        self.elapsed = 0.0
        self._start = 0.0

    def __enter__(self) -> Self:
        self._start = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed += time.perf_counter() - self._start
