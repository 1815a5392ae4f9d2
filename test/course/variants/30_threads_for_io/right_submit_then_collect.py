"""Submits every call first, then collects each future's result in input order."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    with ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="fetch") as pool:
        futures = [pool.submit(fetch, url) for url in urls]
        return [future.result() for future in futures]
