"""Keeps one module-level semaphore, made on the first call (like a p-limit instance at the top of a TS module)."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence

_semaphore: asyncio.Semaphore | None = None


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    global _semaphore
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    if _semaphore is None:
        _semaphore = asyncio.Semaphore(limit)
    semaphore = _semaphore

    async def fetch_one(url: str) -> T:
        async with semaphore:
            return await fetch(url)

    tasks = [asyncio.create_task(fetch_one(url)) for url in urls]
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
