"""Returns the futures (like returning an array of promises) instead of their results."""

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[Future[R]]:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        return [pool.submit(fetch, url) for url in urls]
