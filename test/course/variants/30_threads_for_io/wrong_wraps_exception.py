"""Wraps a failed call's exception in a RuntimeError (like wrapping an error in Go), so the caller cannot catch the original type."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        try:
            return list(pool.map(fetch, urls))
        except Exception as exc:
            raise RuntimeError(f"fetch_all failed: {exc}") from exc
