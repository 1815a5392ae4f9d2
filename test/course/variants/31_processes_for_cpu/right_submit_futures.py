"""Right: submits each n to a ProcessPoolExecutor and reads the futures back in submission order."""

from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"n must not be negative: {n}")
    total = 0
    for i in range(n):
        total += i * i
    return total


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        futures: list[Future[int]] = [pool.submit(crunch, n) for n in ns]
        return [future.result() for future in futures]
