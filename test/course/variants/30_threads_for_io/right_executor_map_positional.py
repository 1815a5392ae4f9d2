"""executor.map with the pool created positionally and the results built by a comprehension."""

import concurrent.futures
from collections.abc import Callable, Iterable


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    with concurrent.futures.ThreadPoolExecutor(max_workers) as executor:
        return [page for page in executor.map(fetch, urls)]
