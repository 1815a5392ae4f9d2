"""Starts the clock in __enter__ but forgets to return self, so `as t` binds None."""

import time
from types import TracebackType


class Timer:
    elapsed: float

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed = time.perf_counter() - self.start
