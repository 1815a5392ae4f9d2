"""Shuts the pool down with wait=False (fire and forget), so its threads may still be running after the call returns."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    pool = ThreadPoolExecutor(max_workers=max_workers)
    try:
        return list(pool.map(fetch, urls))
    finally:
        pool.shutdown(wait=False)
