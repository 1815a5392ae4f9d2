"""Uses gather(return_exceptions=True) like Promise.allSettled, so a failed fetch comes back as a list item instead of raising."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T | BaseException]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url: str) -> T:
        async with semaphore:
            return await fetch(url)

    return await asyncio.gather(*(fetch_one(url) for url in urls), return_exceptions=True)
