"""Uses dataclasses, but the subclass is a plain @dataclass without slots=True, so SlotPoint3D gets a __dict__."""

import tracemalloc
from dataclasses import dataclass
from collections.abc import Callable


@dataclass(slots=True)
class SlotPoint:
    x: float
    y: float


class DictPoint:
    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y


@dataclass
class SlotPoint3D(SlotPoint):
    z: float


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
