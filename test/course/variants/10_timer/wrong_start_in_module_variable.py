"""Keeps the start time in a module-level variable, like a Go package var, so all Timers share it."""

import time
from types import TracebackType
from typing import Self

_started_at = 0.0


class Timer:
    elapsed: float

    def __enter__(self) -> Self:
        global _started_at
        _started_at = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed = time.perf_counter() - _started_at
