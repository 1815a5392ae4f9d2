"""Returns pool.map's lazy iterator instead of a list."""

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> Iterator[int]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        return pool.map(crunch, ns)
