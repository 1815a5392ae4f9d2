"""Starts one pool at import and reuses it for every call, like a Go worker pool started in init(): never shut down, max_workers ignored."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


_POOL = ProcessPoolExecutor()


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    return list(_POOL.map(crunch, ns))
