"""SlotPoint3D has no __slots__ of its own, as if the base's slots were inherited like Go's embedded fields."""

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
        before, _ = tracemalloc.get_traced_memory()
        for index in range(n):
            instances[index] = cls()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        # Someone else's tracing session is theirs to stop.
        if started_here:
            tracemalloc.stop()
    return (after - before) / n
