"""Stores elapsed as a datetime.timedelta, like Go's time.Since, instead of a float of seconds."""

import time
from datetime import timedelta
from types import TracebackType
from typing import Self


class Timer:
    elapsed: timedelta

    def __enter__(self) -> Self:
        self._start = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed = timedelta(seconds=time.perf_counter() - self._start)
