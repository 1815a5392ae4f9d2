"""Creates a new Semaphore(limit) inside each task, so every fetch has a semaphore of its own and nothing is bounded."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")

    async def fetch_one(url: str) -> T:
        async with asyncio.Semaphore(limit):
            return await fetch(url)

    tasks = [asyncio.create_task(fetch_one(url)) for url in urls]
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
