"""Awaits each fetch in turn: correct results, but the fetches never overlap."""

from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    results: list[T] = []
    for url in urls:
        results.append(await fetch(url))
    return results
