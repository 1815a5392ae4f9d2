"""Caches one semaphore per limit value at module level, so concurrent calls share slots and a new event loop gets a stale semaphore."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence

_semaphores: dict[int, asyncio.Semaphore] = {}


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    semaphore = _semaphores.setdefault(limit, asyncio.Semaphore(limit))

    async def fetch_one(url: str) -> T:
        async with semaphore:
            return await fetch(url)

    tasks = [asyncio.create_task(fetch_one(url)) for url in urls]
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
