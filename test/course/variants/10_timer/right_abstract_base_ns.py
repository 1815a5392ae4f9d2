"""Subclasses contextlib.AbstractContextManager and counts in perf_counter_ns."""

import time
from contextlib import AbstractContextManager
from types import TracebackType


class Timer(AbstractContextManager["Timer"]):
    elapsed: float

    def __enter__(self) -> "Timer":
        self._start_ns = time.perf_counter_ns()
        return super().__enter__()  # the base class returns self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed = (time.perf_counter_ns() - self._start_ns) / 1e9
