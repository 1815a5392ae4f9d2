"""Manual enable/disable in try/finally, pstats sorted by SortKey.TIME; report keeps [count, total] pairs per day and sorts at the end."""

import cProfile
import pstats
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple


def hottest_function[**P](fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        fn(*args, **kwargs)
    finally:
        profiler.disable()
    stats = pstats.Stats(profiler).sort_stats(pstats.SortKey.TIME)
    # After sort_stats, the profile lists the functions hottest first.
    return next(iter(stats.get_stats_profile().func_profiles))


@dataclass(frozen=True, slots=True)
class Order:
    id: int
    placed_at: str  # ISO 8601, such as "2024-03-05T14:22:07"; the day is its first 10 characters
    quantity: int
    unit_cents: int


class Row(NamedTuple):
    day: str  # "2024-03-05"
    orders: int
    total_cents: int


def report(orders: list[Order]) -> list[Row]:
    days: dict[str, list[int]] = {}
    for order in orders:
        running = days.setdefault(order.placed_at[:10], [0, 0])
        running[0] += 1
        running[1] += order.quantity * order.unit_cents
    rows = [Row(day, count, total) for day, (count, total) in days.items()]
    rows.sort()  # by day first: ISO dates sort as text
    return rows


def report_slow(orders: list[Order]) -> list[Row]:
    """The original report, in one piece, kept for comparison: leave it as it is."""
    rows: list[Row] = []
    for day in sorted({order.placed_at[:10] for order in orders}):
        count = 0
        total = 0
        for order in orders:
            if order.placed_at[:10] == day:
                count += 1
                total += order.quantity * order.unit_cents
        rows.append(Row(day, count, total))
    return rows

