"""Exercise 16 · context_decorator: reference solution."""

import time
from contextlib import ContextDecorator
from types import TracebackType
from typing import Self


class timed_block(ContextDecorator):
    """Time a block (`with timed_block(label):`) or every call of a function (`@timed_block(label)`)."""

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
        elapsed_ms = (time.perf_counter() - self._starts.pop()) * 1000
        print(f"{self.label} took {elapsed_ms:.1f}ms")


# Why this way: ContextDecorator supplies __call__: `@timed_block("x")` wraps
# the function (with functools.wraps) so that each call runs inside
# `with self:`. We only write the context manager half, and exceptions keep
# flowing because __exit__ returns None. One catch: the decorator keeps a
# single timed_block instance for every call, so per-call state must not sit
# in one attribute. A stack of start times keeps nested uses, such as a
# recursive decorated function, apart. A `@contextmanager` generator avoids
# the issue altogether: it is a ContextDecorator too, and makes a fresh
# generator for each call.
