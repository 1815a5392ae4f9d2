"""Submits a helper defined inside crunch_all (a closure): pickle cannot find it by name in the worker."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    def job(n: int) -> int:
        return crunch(n)

    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        futures = [pool.submit(job, n) for n in ns]
        return [future.result() for future in futures]
