"""hottest_function returns pstats' full label, file:line(name), instead of the bare name."""

import cProfile
import pstats
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple


def hottest_function[**P](fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> str:
    with cProfile.Profile() as profiler:
        fn(*args, **kwargs)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    key, _ = max(stats.items(), key=lambda item: item[1][2])  # type: ignore[misc]
    return pstats.func_std_string(key)  # type: ignore[arg-type]


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
    """Daily sales: one row per day that has orders, in date order.

    Each row gives the day, how many orders were placed that day (one of
    quantity 0 counts too), and their total in cents. The orders are left as
    they were.
    """
    # One pass over the orders, however many days they span. The original called
    # summarise once per day, and each call read (and sliced) every order.
    counts: dict[str, int] = {}
    totals: dict[str, int] = {}
    for order in orders:
        day = order.placed_at[:10]
        counts[day] = counts.get(day, 0) + 1
        totals[day] = totals.get(day, 0) + line_total(order)
    return [Row(day, counts[day], totals[day]) for day in sorted(counts)]


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

