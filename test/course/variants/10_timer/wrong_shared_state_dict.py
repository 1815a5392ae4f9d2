"""Keeps its readings in a dict declared on the class, so every Timer shares one dict."""

import time
from types import TracebackType
from typing import Self


class Timer:
    _readings: dict[str, float] = {}

    @property
    def elapsed(self) -> float:
        return self._readings["elapsed"]

    def __enter__(self) -> Self:
        self._readings["start"] = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._readings["elapsed"] = time.perf_counter() - self._readings["start"]
