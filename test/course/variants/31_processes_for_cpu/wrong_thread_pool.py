"""Uses a ThreadPoolExecutor: under the GIL its threads take turns, so CPU-bound work gets no faster."""

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(crunch, ns))
