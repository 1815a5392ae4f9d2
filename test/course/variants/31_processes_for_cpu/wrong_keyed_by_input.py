"""Keeps the futures in a dict keyed by n, like a Map<n, Promise>: an n that appears twice gets one result."""

from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        futures: dict[int, Future[int]] = {n: pool.submit(crunch, n) for n in ns}
        return [future.result() for future in futures.values()]
