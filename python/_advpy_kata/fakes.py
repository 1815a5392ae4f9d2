"""A fake clock that suites install so that retries and timers never really wait.

It is installed *before* the learner's module is imported, because
``from time import sleep`` copies the function into the learner's namespace at
import time; patching ``time.sleep`` afterwards would miss that copy. As a
second line of defence, :meth:`FakeClock.rebind` replaces any copies of the
real functions that a module already holds.
"""

from __future__ import annotations

import time
from types import ModuleType

_PATCHED = ("sleep", "monotonic", "perf_counter", "time", "monotonic_ns", "perf_counter_ns", "time_ns")


class FakeClock:
    """Time that moves only when slept on or advanced; every sleep is recorded."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []
        self._originals = {name: getattr(time, name) for name in _PATCHED}

    # The fakes have the same names as the real functions so tracebacks read naturally.
    def sleep(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        """Move time forward without recording a sleep (time passing elsewhere)."""
        self.now += seconds

    def monotonic(self) -> float:
        return self.now

    def monotonic_ns(self) -> int:
        return int(self.now * 1e9)

    def install(self) -> None:
        fakes = {
            "sleep": self.sleep,
            "monotonic": self.monotonic,
            "perf_counter": self.monotonic,
            "time": self.monotonic,
            "monotonic_ns": self.monotonic_ns,
            "perf_counter_ns": self.monotonic_ns,
            "time_ns": self.monotonic_ns,
        }
        for name, fake in fakes.items():
            setattr(time, name, fake)

    def rebind(self, module: ModuleType) -> None:
        """Swap copies of the real time functions held by ``module`` for the fakes."""
        for attr, value in list(vars(module).items()):
            for name, original in self._originals.items():
                if value is original:
                    setattr(module, attr, getattr(time, name))

    def uninstall(self) -> None:
        for name, original in self._originals.items():
            setattr(time, name, original)
