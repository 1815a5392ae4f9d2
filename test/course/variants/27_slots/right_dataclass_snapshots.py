"""Dataclasses with slots=True on both slotted classes, measured by comparing two tracemalloc snapshots."""

import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class SlotPoint:
    x: float
    y: float


@dataclass
class DictPoint:
    x: float
    y: float


@dataclass(slots=True)
class SlotPoint3D(SlotPoint):
    z: float


def bytes_per_instance(cls: Callable[[], object], n: int = 10_000) -> float:
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        kept: list[object | None] = [None] * n
        before = tracemalloc.take_snapshot()
        for i in range(n):
            kept[i] = cls()
        after = tracemalloc.take_snapshot()
    finally:
        if not was_tracing:
            tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    return grown / n
