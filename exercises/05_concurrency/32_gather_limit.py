"""Exercise 32 · gather with a limit: many fetches at once, never more than `limit`.

Write `async fetch_many(urls, fetch, limit)`. It awaits `fetch(url)` for every
URL and returns the results in the order of `urls`. The fetches overlap, with
at most `limit` in flight at any moment; while enough URLs are left, exactly
`limit` are in flight, so when one finishes the next URL starts at once, even
if another fetch is slow. Use an `asyncio.Semaphore`. A `limit` below 1 raises
`ValueError` before any fetch starts. If a fetch raises, `fetch_many` raises
that same exception and cancels the other fetches: those in flight are
cancelled, and the URLs still waiting never start. An empty `urls` gives `[]`.

You know this from TypeScript/Go as `Promise.all(urls.map(fetch))` with a
limiter such as `p-limit`, or a buffered channel used as a semaphore in Go.
What carries over: the limiter is a counter of free slots that each request
takes before it starts and gives back when it ends. The false friends:
`asyncio.gather(...)` alone is `Promise.all` with no bound at all; cutting
`urls` into batches of `limit` leaves slots idle while the slowest request of
a batch finishes; and when one request fails, `gather`, like `Promise.all`,
lets the others run on, but asyncio tasks, unlike promises, can be cancelled.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence


async def fetch_many[T](urls: Sequence[str], fetch: Callable[[str], Awaitable[T]], limit: int) -> list[T]:
    # TODO: reject a limit below 1 with ValueError, before anything starts.
    # TODO: make one asyncio.Semaphore(limit) for this call, and hold a slot
    #       around each `await fetch(url)` (an inner `async def` helps).
    # TODO: run the helper for every URL at once (asyncio.create_task, then
    #       asyncio.gather keeps the input order), and cancel the tasks that are
    #       still running if one of them fails.
    # This version awaits one fetch after the other: correct results, no overlap.
    return [await fetch(url) for url in urls]
