"""Uses `from time import monotonic` and returns an explicit False from __exit__."""

from time import monotonic
from types import TracebackType
from typing import Literal, Self


class Timer:
    def __init__(self) -> None:
        self.elapsed = 0.0
        self._started_at = 0.0

    def __enter__(self) -> Self:
        self._started_at = monotonic()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        self.elapsed = monotonic() - self._started_at
        return False
