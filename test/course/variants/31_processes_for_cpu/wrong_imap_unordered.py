"""Uses multiprocessing.Pool.imap_unordered: results arrive in completion order."""

from collections.abc import Iterable
from multiprocessing import Pool


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with Pool(processes=max_workers) as pool:
        return list(pool.imap_unordered(crunch, ns))
