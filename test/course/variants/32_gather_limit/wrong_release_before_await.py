"""Holds the semaphore only while calling fetch(url), which just creates the coroutine; the await happens after the slot is given back."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url: str) -> T:
        async with semaphore:
            pending = fetch(url)
        return await pending

    tasks = [asyncio.create_task(fetch_one(url)) for url in urls]
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
