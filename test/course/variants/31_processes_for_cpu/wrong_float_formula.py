"""Uses the closed formula with /, which makes a float, as every number is in JavaScript."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> float:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return (n - 1) * n * (2 * n - 1) / 6


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[float]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(crunch, ns))
