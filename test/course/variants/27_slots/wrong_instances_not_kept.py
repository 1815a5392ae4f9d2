"""Creates each instance and drops it at once, so they are freed before the second reading."""

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
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(n):
            cls()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        # Someone else's tracing session is theirs to stop.
        if started_here:
            tracemalloc.stop()
    return (after - before) / n
