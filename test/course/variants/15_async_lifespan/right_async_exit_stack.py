"""Registers the close with AsyncExitStack.push_async_callback, and retries in a try/except/else loop."""

import asyncio
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any, Self

CONNECT_ATTEMPTS = 3
RETRY_DELAY = 0.5


@asynccontextmanager
async def lifespan(app: Any, create_pool: Callable[[], Awaitable[Any]]) -> AsyncGenerator[None]:
    async with AsyncExitStack() as stack:
        pool: Any = None
        for attempt in range(1, CONNECT_ATTEMPTS + 1):
            try:
                pool = await create_pool()
            except ConnectionError:
                if attempt == CONNECT_ATTEMPTS:
                    raise
                await asyncio.sleep(RETRY_DELAY)
            else:
                break
        stack.push_async_callback(pool.close)
        app.state.pool = pool
        yield


class AsyncTimer:
    elapsed: float

    async def __aenter__(self) -> Self:
        self._t0 = time.monotonic()
        return self

    async def __aexit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.elapsed = time.monotonic() - self._t0
