"""lifespan as a class with __aenter__/__aexit__, `from asyncio import sleep`, and the loop's clock."""

import asyncio
from asyncio import sleep
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, Literal, Self

CONNECT_ATTEMPTS = 3
RETRY_DELAY = 0.5


class lifespan:
    def __init__(self, app: Any, create_pool: Callable[[], Awaitable[Any]]) -> None:
        self._app = app
        self._create_pool = create_pool
        self._pool: Any = None

    async def __aenter__(self) -> None:
        attempt = 1
        while True:
            try:
                self._pool = await self._create_pool()
                break
            except ConnectionError:
                if attempt >= CONNECT_ATTEMPTS:
                    raise
                attempt += 1
                await sleep(RETRY_DELAY)
        self._app.state.pool = self._pool

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        await self._pool.close()
        return False


class AsyncTimer:
    def __init__(self) -> None:
        self.elapsed = 0.0
        self._start = 0.0

    async def __aenter__(self) -> Self:
        self._start = asyncio.get_running_loop().time()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.elapsed = asyncio.get_running_loop().time() - self._start
