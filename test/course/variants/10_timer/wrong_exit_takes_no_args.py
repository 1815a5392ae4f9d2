"""Declares __exit__(self) with no parameters, like TypeScript's [Symbol.dispose](), so `with` cannot call it."""

import time
from typing import Self


class Timer:
    elapsed: float

    def __enter__(self) -> Self:
        self._start = time.perf_counter()
        return self

    def __exit__(self) -> None:
        self.elapsed = time.perf_counter() - self._start
