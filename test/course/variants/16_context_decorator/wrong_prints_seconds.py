"""Prints the elapsed seconds but labels them ms."""

import time
from contextlib import ContextDecorator
from types import TracebackType
from typing import Self


class timed_block(ContextDecorator):
    def __init__(self, label: str) -> None:
        self.label = label
        self._starts: list[float] = []  # one entry per use in progress

    def __enter__(self) -> Self:
        self._starts.append(time.perf_counter())
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        elapsed_ms = time.perf_counter() - self._starts.pop()
        print(f"{self.label} took {elapsed_ms:.1f}ms")

