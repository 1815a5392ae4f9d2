"""Collects results with as_completed, so they come back in the order the calls finish, not the order of the URLs."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = [pool.submit(fetch, url) for url in urls]
        return [future.result() for future in as_completed(futures)]
