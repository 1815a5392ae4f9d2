"""Exercise 32 · gather with a limit: reference solution."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    # One semaphore per call: its counter is the number of free slots.
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(url: str) -> T:
        # The slot is held for the whole fetch, from its start until it returns.
        async with semaphore:
            return await fetch(url)

    tasks = [asyncio.create_task(fetch_one(url)) for url in urls]
    try:
        # gather keeps the input order, whatever order the fetches finish in.
        return await asyncio.gather(*tasks)
    finally:
        # After a failure, stop the rest: fetches in flight are cancelled and the
        # ones still waiting for a slot never start. (No-op for finished tasks.)
        for task in tasks:
            task.cancel()


# Why this way: a semaphore is a counter of free slots. Every URL gets its own
# task at once, but each task must take a slot before it calls fetch and gives
# it back only when fetch is over, so at most `limit` fetches run and, as soon
# as one ends, the next waiting task starts: no slot stays idle behind a slow
# request, which fixed batches of `limit` cannot promise. `gather` returns the
# results in the order of its arguments, that is the input order. It raises
# the first exception as it is, but unlike a TaskGroup it does not stop the
# other tasks, hence the `finally` that cancels them: asyncio tasks, unlike JS
# promises, can be cancelled, and work nobody will read should be. The next
# exercise does the same with `asyncio.TaskGroup`, which cancels for you but
# reports errors as an ExceptionGroup. The semaphore is created inside the
# call, so two calls never share slots and it never outlives its event loop.
