"""Right: multiprocessing.Pool instead of concurrent.futures; Pool.map keeps the order and re-raises."""

from collections.abc import Iterable
from multiprocessing import Pool


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError("crunch needs a non-negative n")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with Pool(processes=max_workers) as pool:
        return pool.map(crunch, ns)
