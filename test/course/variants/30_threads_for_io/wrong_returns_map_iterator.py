"""Returns pool.map's lazy iterator instead of a list, so a failed fetch raises only later, when the caller iterates."""

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> Iterator[R]:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        return pool.map(fetch, urls)
