"""Collects the results with asyncio.as_completed, so they come back in completion order, not input order."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url: str) -> T:
        async with semaphore:
            return await fetch(url)

    tasks = [asyncio.create_task(fetch_one(url)) for url in urls]
    results: list[T] = []
    try:
        for next_done in asyncio.as_completed(tasks):
            results.append(await next_done)
    finally:
        for task in tasks:
            task.cancel()
    return results
