"""Exercise 36 · profile: measure first, then fix what the profile shows.

Part 1. Write `hottest_function(fn, *args, **kwargs)`: call `fn(*args, **kwargs)`
once under `cProfile`, read the result with `pstats`, and return the name of the
function with the most *own* time (pstats' `tottime`: time spent in the
function's own code, not in the functions it calls). Return the bare name as
pstats records it, `"summarise"` and not `"36_profile.py:76(summarise)"`;
built-in functions count too, under names such as
`"<built-in method builtins.sorted>"`. `fn`'s return value is ignored and its
exceptions propagate. However `fn` ends, no profiler may be left enabled: only
one can run at a time, and a forgotten one breaks the next `enable()`.

Part 2. `report(orders)` below is correct but slow. Profile it on a thousand
orders or so, find its hot spot, and rewrite `report` (and its helpers, as
you see fit) so that it returns the same rows at least 10x faster on 1,200
orders spread over three years. The fix is algorithmic; `report_slow` keeps
the original for your own comparisons, and the suite times your `report`
against its own copy of the original.

You know this from TypeScript/Go as the Chrome DevTools profiler or Go's pprof.
What carries over: profile before you optimise, and read "flat" (own) time
apart from "cum" (cumulative) time; the function with the most cumulative time
is usually just the outermost caller, such as main or the request handler. The
false friend: those profilers *sample* the stack now and then, while cProfile
is deterministic. It records every call and return, so its counts are exact,
but it slows down call-heavy code and it must be started inside the program. A
sampling profiler such as py-spy (`py-spy top --pid 12345`, or
`py-spy record -o out.svg --pid 12345` for a flame graph) attaches to a running
process from outside with little overhead and no code change: the tool for a
live server. When a profile shows a hot loop that the right algorithm cannot
remove, the next steps are native code: orjson or msgspec for JSON, NumPy for
numeric loops, and compiled modules written with PyO3 (Rust), Cython or mypyc.
Measure again after each step.
"""

import cProfile  # for hottest_function
import pstats  # for hottest_function
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple


def hottest_function[**P](fn: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> str:
    # TODO: enable a cProfile.Profile, call fn(*args, **kwargs), and disable the
    #       profiler whatever happens (try/finally, a `with` block, or runcall).
    # TODO: load the profile into pstats.Stats and return the name (only the
    #       name) of the entry with the largest own time.
    return ""


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
    # TODO: profile me (hottest_function(report, orders)), then make me fast.
    days = sorted({order.placed_at[:10] for order in orders})
    return [summarise(day, orders) for day in days]


def summarise(day: str, orders: list[Order]) -> Row:
    count = 0
    total = 0
    for order in orders:
        if order.placed_at[:10] == day:
            count += 1
            total += line_total(order)
    return Row(day, count, total)


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
