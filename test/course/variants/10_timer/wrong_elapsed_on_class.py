"""Writes elapsed through the class (type(self).elapsed), so the last Timer to finish overwrites every other."""

import time
from types import TracebackType
from typing import Self


class Timer:
    elapsed: float = 0.0

    def __enter__(self) -> Self:
        self._start = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        type(self).elapsed = time.perf_counter() - self._start
