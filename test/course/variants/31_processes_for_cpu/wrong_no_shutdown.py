"""Creates the pool but never shuts it down, as if the garbage collector would close it like a Go program exiting."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    pool = ProcessPoolExecutor(max_workers=max_workers)
    futures = [pool.submit(crunch, n) for n in ns]
    return [future.result() for future in futures]
