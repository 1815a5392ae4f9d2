"""Sizes the pool with min(max_workers, len(urls)), which breaks on an empty list (0 workers) and on a generator (no len)."""

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Sequence[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    with ThreadPoolExecutor(max_workers=min(max_workers, len(urls))) as pool:
        return list(pool.map(fetch, urls))
