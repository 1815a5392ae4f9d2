"""Measures with sys.getsizeof, like Go's unsafe.Sizeof, which ignores the dict and anything else an instance points to."""

import sys
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
    instances = [cls() for _ in range(n)]
    return sum(sys.getsizeof(instance) for instance in instances) / n
