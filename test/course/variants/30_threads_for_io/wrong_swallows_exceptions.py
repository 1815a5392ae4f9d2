"""Catches a failed fetch and puts None in its place (like Promise.allSettled), so the caller never sees the error."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R | None]:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = [pool.submit(fetch, url) for url in urls]
        results: list[R | None] = []
        for future in futures:
            try:
                results.append(future.result())
            except Exception:
                results.append(None)
        return results
