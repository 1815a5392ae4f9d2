"""Without max_workers, starts one process per input, as one would start a goroutine per job."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    jobs = list(ns)
    with ProcessPoolExecutor(max_workers=max_workers or max(len(jobs), 1)) as pool:
        return list(pool.map(crunch, jobs))
