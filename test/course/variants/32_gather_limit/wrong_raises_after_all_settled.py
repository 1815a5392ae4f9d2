"""Waits for every fetch to settle (return_exceptions=True), then raises the first error: the others run to completion first."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url: str) -> T:
        async with semaphore:
            return await fetch(url)

    settled = await asyncio.gather(*(fetch_one(url) for url in urls), return_exceptions=True)
    results: list[T] = []
    for item in settled:
        if isinstance(item, BaseException):
            raise item
        results.append(item)
    return results
