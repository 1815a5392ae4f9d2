"""Never checks n: crunch(-1) loops over the empty range(-1) and quietly returns 0."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(crunch, ns))
