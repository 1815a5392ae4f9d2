"""Catches the block's exception in __exit__ by returning True when one occurred."""

import time
from types import TracebackType
from typing import Self


class Timer:
    elapsed: float

    def __enter__(self) -> Self:
        self.start = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        self.elapsed = time.perf_counter() - self.start
        return exc_type is not None
