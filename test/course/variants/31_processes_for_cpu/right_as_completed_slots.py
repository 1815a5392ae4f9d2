"""Right: collects results with as_completed, but puts each into the slot of its input."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(n)
    return sum(map(lambda i: i * i, range(n)))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    with ProcessPoolExecutor(max_workers) as pool:
        slot_of = {pool.submit(crunch, n): slot for slot, n in enumerate(ns)}
        results = [0] * len(slot_of)
        for future in as_completed(slot_of):
            results[slot_of[future]] = future.result()
        return results
