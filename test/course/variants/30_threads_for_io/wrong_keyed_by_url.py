"""Keeps one future per URL in a dict (like a Map<url, Promise> memo), so a URL listed twice is fetched only once."""

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    url_list = list(urls)
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        by_url: dict[str, Future[R]] = {}
        for url in url_list:
            if url not in by_url:
                by_url[url] = pool.submit(fetch, url)
        return [by_url[url].result() for url in url_list]
