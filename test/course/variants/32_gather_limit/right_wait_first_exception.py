"""Semaphore with explicit acquire/release, and asyncio.wait(FIRST_EXCEPTION) to stop at the first failure."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    if not urls:
        return []  # asyncio.wait refuses an empty collection
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url: str) -> T:
        await semaphore.acquire()
        try:
            return await fetch(url)
        finally:
            semaphore.release()

    tasks = [asyncio.create_task(fetch_one(url)) for url in urls]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    finally:
        for task in tasks:
            task.cancel()
    for task in done:
        if (error := task.exception()) is not None:
            raise error
    return [task.result() for task in tasks]
