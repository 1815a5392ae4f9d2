"""Stores the perf_counter_ns difference as is, like Go's time.Duration, so elapsed is in nanoseconds."""

import time
from types import TracebackType
from typing import Self


class Timer:
    elapsed: float

    def __enter__(self) -> Self:
        self._start_ns = time.perf_counter_ns()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed = time.perf_counter_ns() - self._start_ns
