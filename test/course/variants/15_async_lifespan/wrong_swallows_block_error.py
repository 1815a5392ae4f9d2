"""Catches every exception from the block and does not re-raise it."""

import asyncio
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Protocol, Self

CONNECT_ATTEMPTS = 3
"""How many times lifespan calls create_pool before giving up."""

RETRY_DELAY = 0.5
"""Seconds to wait between two attempts."""


class Pool(Protocol):
    async def close(self) -> None: ...


class State(Protocol):
    pool: Pool


class App(Protocol):
    state: State


async def _connect(create_pool: Callable[[], Awaitable[Pool]]) -> Pool:
    for _ in range(CONNECT_ATTEMPTS - 1):
        try:
            return await create_pool()
        except ConnectionError:
            await asyncio.sleep(RETRY_DELAY)  # other tasks keep running meanwhile
    return await create_pool()  # the last attempt: its error goes to the caller


@asynccontextmanager
async def lifespan(app: App, create_pool: Callable[[], Awaitable[Pool]]) -> AsyncGenerator[None]:
    pool = await _connect(create_pool)
    app.state.pool = pool
    try:
        yield
    except Exception:
        pass
    finally:
        await pool.close()


class AsyncTimer:
    elapsed: float

    async def __aenter__(self) -> Self:
        self._started = time.perf_counter()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.elapsed = time.perf_counter() - self._started

