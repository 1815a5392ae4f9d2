"""Writes the timing to stderr, like Go's log package, instead of printing it to stdout."""

import sys
import time
from contextlib import ContextDecorator
from types import TracebackType
from typing import Self


class timed_block(ContextDecorator):
    def __init__(self, label: str) -> None:
        self.label = label
        self._starts: list[float] = []

    def __enter__(self) -> Self:
        self._starts.append(time.perf_counter())
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        elapsed_ms = (time.perf_counter() - self._starts.pop()) * 1000
        print(f"{self.label} took {elapsed_ms:.1f}ms", file=sys.stderr)

