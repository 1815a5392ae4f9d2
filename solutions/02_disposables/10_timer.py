"""Exercise 10 · timer: reference solution."""

import time
from types import TracebackType
from typing import Self


class Timer:
    elapsed: float

    def __enter__(self) -> Self:
        self._start = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed = time.perf_counter() - self._start


# Why this way: the clock starts in __enter__, not __init__, so the Timer times
# the block and nothing before it, and can be reused. __exit__ runs however the
# block ends, so elapsed is always set. Annotating it `-> None` (and returning
# nothing) says "never suppresses" to readers and type checkers alike: only a
# truthy return swallows an exception. perf_counter is monotonic and
# high-resolution, unlike time.time, which jumps when the system clock is set.
