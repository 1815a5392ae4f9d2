"""TaskGroup and Semaphore: the group cancels the rest on failure; its ExceptionGroup is unwrapped to the fetch's own error."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url: str) -> T:
        async with semaphore:
            return await fetch(url)

    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(fetch_one(url)) for url in urls]
    except ExceptionGroup as failed:
        # The first task to fail is what cancelled the others: report its error as it is.
        raise failed.exceptions[0] from None
    return [task.result() for task in tasks]
