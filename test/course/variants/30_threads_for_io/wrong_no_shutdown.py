"""Never shuts the pool down, so its worker threads outlive the call."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    pool = ThreadPoolExecutor(max_workers=max_workers)
    return list(pool.map(fetch, urls))
