"""Sizes the result list with len(ns), so a generator of ints (which has no len) fails."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    results = [0] * len(ns)  # type: ignore[arg-type]
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        slots = {pool.submit(crunch, n): i for i, n in enumerate(ns)}
        for future in as_completed(slots):
            results[slots[future]] = future.result()
    return results
