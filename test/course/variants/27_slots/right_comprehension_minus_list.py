"""Builds the instances with a comprehension, then subtracts the list's own size from the growth."""

import sys
import tracemalloc
from collections.abc import Callable


class SlotPoint:
    __slots__ = "x", "y"

    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y


class DictPoint:
    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y


class SlotPoint3D(SlotPoint):
    __slots__ = ["z"]

    def __init__(self, x: float, y: float, z: float) -> None:
        super().__init__(x, y)
        self.z = z


def bytes_per_instance(cls: Callable[[], object], n: int = 10_000) -> float:
    if tracemalloc.is_tracing():
        return _measure(cls, n)
    tracemalloc.start()
    try:
        return _measure(cls, n)
    finally:
        tracemalloc.stop()


def _measure(cls: Callable[[], object], n: int) -> float:
    start = tracemalloc.get_traced_memory()[0]
    instances = [cls() for _ in range(n)]
    grown = tracemalloc.get_traced_memory()[0] - start - sys.getsizeof(instances)
    return grown / len(instances)
