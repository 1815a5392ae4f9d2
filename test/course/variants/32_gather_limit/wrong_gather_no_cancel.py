"""Semaphore and gather, but nothing cancels the other fetches when one fails: they run on, like Promise.all."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url: str) -> T:
        async with semaphore:
            return await fetch(url)

    return await asyncio.gather(*(fetch_one(url) for url in urls))
