"""Calls fetch in a plain loop in the caller's thread, so the waits never overlap."""

from collections.abc import Callable, Iterable


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    results: list[R] = []
    for url in urls:
        results.append(fetch(url))
    return results
