"""Calls pool.shutdown() after collecting the results, so an exception from fetch skips it and leaves the threads alive."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    pool = ThreadPoolExecutor(max_workers=max_workers)
    results = list(pool.map(fetch, urls))
    pool.shutdown()
    return results
