"""Keeps the start in one attribute, so a recursive decorated function times its outer calls from the innermost start."""

import time
from contextlib import ContextDecorator
from types import TracebackType
from typing import Self


class timed_block(ContextDecorator):
    def __init__(self, label: str) -> None:
        self.label = label

    def __enter__(self) -> Self:
        self._started = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        elapsed_ms = (time.perf_counter() - self._started) * 1000
        print(f"{self.label} took {elapsed_ms:.1f}ms")

