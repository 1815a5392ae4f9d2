"""A dataclass with __slots__, and elapsed computed from perf_counter_ns."""

import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self


@dataclass(slots=True)
class Timer:
    elapsed: float = 0.0
    _start_ns: int = field(default=0, repr=False)

    def __enter__(self) -> Self:
        self._start_ns = time.perf_counter_ns()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        self.elapsed = (time.perf_counter_ns() - self._start_ns) / 1_000_000_000
        return False
