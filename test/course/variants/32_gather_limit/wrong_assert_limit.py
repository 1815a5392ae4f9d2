"""Checks the limit with assert, which raises AssertionError (and disappears under python -O) instead of ValueError."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    assert limit >= 1, "limit must be at least 1"
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url: str) -> T:
        async with semaphore:
            return await fetch(url)

    tasks = [asyncio.create_task(fetch_one(url)) for url in urls]
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
