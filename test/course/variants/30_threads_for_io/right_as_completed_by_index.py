"""Uses as_completed but files each result under its URL's index, with an explicit try/finally shutdown."""

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    pool = ThreadPoolExecutor(max_workers)
    try:
        index_of: dict[Future[R], int] = {}
        for index, url in enumerate(urls):
            index_of[pool.submit(fetch, url)] = index
        results: list[R | None] = [None] * len(index_of)
        for future in as_completed(index_of):
            results[index_of[future]] = future.result()
        return results  # type: ignore[return-value]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
