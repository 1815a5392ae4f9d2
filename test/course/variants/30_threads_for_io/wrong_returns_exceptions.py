"""Returns a failed call's exception in the list (like gather(return_exceptions=True)) instead of raising it."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R | BaseException]:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = [pool.submit(fetch, url) for url in urls]
        return [future.exception() or future.result() for future in futures]
