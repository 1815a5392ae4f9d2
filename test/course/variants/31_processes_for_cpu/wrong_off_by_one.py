"""Sums the squares up to and including n (range(n + 1)), as in a for (i = 0; i <= n; i++) loop."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n + 1))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(crunch, ns))
