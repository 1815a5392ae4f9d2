"""runcall and the raw stats dict (tottime is the third number); report groups the orders by day, then sums each group."""

import cProfile
import pstats
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple


def hottest_function[**P](fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(fn, *args, **kwargs)  # enables, calls, and disables in a finally
    stats: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    (_file, _line, name), _numbers = max(stats.items(), key=lambda item: item[1][2])
    return name


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
    by_day: defaultdict[str, list[Order]] = defaultdict(list)
    for order in orders:
        by_day[order.placed_at[:10]].append(order)
    return [Row(day, len(mine), sum(line_total(order) for order in mine)) for day, mine in sorted(by_day.items())]


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

