"""Reads the peak instead of the current traced memory, which is wrong when an earlier peak was higher."""

import tracemalloc
from collections.abc import Callable


class SlotPoint:
    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y


class DictPoint:
    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y


class SlotPoint3D(SlotPoint):
    # Only the new field: x and y already have slots in SlotPoint.
    __slots__ = ("z",)

    def __init__(self, x: float, y: float, z: float) -> None:
        super().__init__(x, y)
        self.z = z


def bytes_per_instance(cls: Callable[[], object], n: int = 10_000) -> float:
    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        # Allocate the list before the first reading, so its cost is not counted.
        instances: list[object] = [None] * n
        _, before = tracemalloc.get_traced_memory()
        for index in range(n):
            instances[index] = cls()
        _, after = tracemalloc.get_traced_memory()
    finally:
        # Someone else's tracing session is theirs to stop.
        if started_here:
            tracemalloc.stop()
    return (after - before) / n
