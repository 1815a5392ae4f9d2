"""Waits for each future right after submitting it (like `await` inside a for loop), so the calls run one after another."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    results: list[R] = []
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        for url in urls:
            results.append(pool.submit(fetch, url).result())
    return results
