"""Defines crunch as a lambda bound to a name, like const crunch = (n) => ...: it cannot be pickled."""

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor


def _check(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return n


crunch: Callable[[int], int] = lambda n: sum(i * i for i in range(_check(n)))  # noqa: E731


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(crunch, ns))
