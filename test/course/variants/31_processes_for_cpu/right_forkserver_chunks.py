"""Right: the forkserver start method (Linux's default from 3.14) and map with a chunksize."""

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch({n}): n must be >= 0")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    pool = ProcessPoolExecutor(max_workers=max_workers, mp_context=multiprocessing.get_context("forkserver"))
    try:
        return list(pool.map(crunch, ns, chunksize=2))
    finally:
        pool.shutdown()
