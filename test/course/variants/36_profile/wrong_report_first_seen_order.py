"""report keeps the days in the order they first appear instead of sorting them."""

import cProfile
import pstats
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple


def hottest_function[**P](fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> str:
    # The with-block disables the profiler on the way out, even when fn raises.
    with cProfile.Profile() as profiler:
        fn(*args, **kwargs)
    stats = pstats.Stats(profiler)
    # One entry per function, keyed by its name: tottime is the own time.
    profiles = stats.get_stats_profile().func_profiles
    return max(profiles, key=lambda name: profiles[name].tottime)


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
    counts: dict[str, int] = {}
    totals: dict[str, int] = {}
    for order in orders:
        day = order.placed_at[:10]
        counts[day] = counts.get(day, 0) + 1
        totals[day] = totals.get(day, 0) + line_total(order)
    return [Row(day, counts[day], totals[day]) for day in counts]


def line_total(order: Order) -> int:
    return order.quantity * order.unit_cents


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

