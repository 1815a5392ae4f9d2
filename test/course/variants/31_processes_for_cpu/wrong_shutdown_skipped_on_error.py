"""Shuts the pool down after collecting the results, so an exception skips the shutdown (no with, no finally)."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    pool = ProcessPoolExecutor(max_workers=max_workers)
    results = list(pool.map(crunch, ns))
    pool.shutdown()
    return results
