"""Measures CPU time with time.process_time, so time spent waiting is not counted."""

import time
from types import TracebackType
from typing import Self


class Timer:
    elapsed: float

    def __enter__(self) -> Self:
        self.start = time.process_time()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed = time.process_time() - self.start
