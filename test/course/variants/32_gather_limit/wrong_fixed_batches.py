"""Chunks urls into batches of `limit` and gathers one batch at a time, so a slow fetch idles the other slots."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    results: list[T] = []
    for start in range(0, len(urls), limit):
        batch = urls[start : start + limit]
        results.extend(await asyncio.gather(*(fetch(url) for url in batch)))
    return results
