"""A pool of `limit` workers pulling (index, url) pairs from an asyncio.Queue, each result stored at its index."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
    for item in enumerate(urls):
        queue.put_nowait(item)
    results: dict[int, T] = {}

    async def worker() -> None:
        while True:
            try:
                index, url = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            results[index] = await fetch(url)

    workers = [asyncio.create_task(worker()) for _ in range(min(limit, len(urls)))]
    try:
        await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
    return [results[index] for index in range(len(urls))]
