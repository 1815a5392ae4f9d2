"""Collects results with as_completed, so they come back in the order the jobs finished."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        futures = [pool.submit(crunch, n) for n in ns]
        return [future.result() for future in as_completed(futures)]
