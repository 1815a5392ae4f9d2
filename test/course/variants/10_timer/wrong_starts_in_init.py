"""Starts the clock when the Timer is created, not when the block begins."""

import time
from types import TracebackType
from typing import Self


class Timer:
    elapsed: float

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed = time.perf_counter() - self.start
