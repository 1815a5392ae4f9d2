"""Catches each worker's exception and returns it in the list, like Promise.allSettled."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int | BaseException]:
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        futures = [pool.submit(crunch, n) for n in ns]
        results: list[int | BaseException] = []
        for future in futures:
            try:
                results.append(future.result())
            except Exception as error:
                results.append(error)
        return results
