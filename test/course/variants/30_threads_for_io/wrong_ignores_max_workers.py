"""Creates ThreadPoolExecutor() without max_workers, so the pool has its own default size instead."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    with ThreadPoolExecutor() as pool:
        return list(pool.map(fetch, urls))
