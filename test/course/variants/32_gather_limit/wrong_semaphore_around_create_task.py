"""Acquires the semaphore only around creating the tasks; the fetches themselves run unbounded."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    semaphore = asyncio.Semaphore(limit)
    tasks: list[asyncio.Task[T]] = []
    for url in urls:
        async with semaphore:
            tasks.append(asyncio.ensure_future(fetch(url)))
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
