"""Exercise 15 · async_lifespan: setup and teardown around async code.

Write `lifespan(app, create_pool)`, an async context manager shaped like a
FastAPI lifespan handler: it opens a database pool before the app serves and
closes it when the app stops, even if serving failed. Then write `AsyncTimer`,
which measures an `async with` block, awaits included.

You know this from TypeScript/Go as `await using pool = await createPool()`
with `[Symbol.asyncDispose]()` (TS 5.2), or as `defer pool.Close()` in Go.
What carries over: the async cleanup runs on every way out of the scope. The
false friends: Go has no async defer, and in Python an `async def` function
called without `await` does nothing at all: it only builds a coroutine object.
Unlike a JS promise, which runs whether or not anyone awaits it, the
coroutine's body never starts; Python only prints a RuntimeWarning
("coroutine ... was never awaited") when it is thrown away, and dev mode
(`python -X dev`) adds where it was created. And `time.sleep` inside a
coroutine freezes the whole event loop; `await asyncio.sleep` lets other
tasks run while you wait.
"""

import asyncio  # noqa: F401 - you will need it
import time  # noqa: F401 - you will need it
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Protocol, Self

CONNECT_ATTEMPTS = 3
"""How many times lifespan calls create_pool before giving up."""

RETRY_DELAY = 0.5
"""Seconds to wait between two attempts."""


class Pool(Protocol):
    """A connection pool: the only thing lifespan needs from it is closing it."""

    async def close(self) -> None: ...


class State(Protocol):
    pool: Pool


class App(Protocol):
    """Anything with a `state` object that takes new attributes, like FastAPI's `app.state`.

    The tests pass `types.SimpleNamespace(state=types.SimpleNamespace())`.
    """

    state: State


@asynccontextmanager
async def lifespan(app: App, create_pool: Callable[[], Awaitable[Pool]]) -> AsyncGenerator[None]:
    """Open a pool for the lifetime of an `async with` block.

    On entry: `await create_pool()` (an async function taking no arguments)
    and store the pool as `app.state.pool`, before the block runs. The
    database may still be booting, so a `ConnectionError` (or a subclass,
    such as ConnectionRefusedError) from create_pool means: wait RETRY_DELAY
    seconds without blocking the event loop, then try again, up to
    CONNECT_ATTEMPTS attempts in all. No wait follows the last attempt: its
    ConnectionError goes to the caller. Any other error is not retried.

    On exit, normal or by an exception: `await pool.close()`. An exception
    from the block still reaches the caller afterwards.
    """
    # TODO: call create_pool, retrying ConnectionError as described above.
    #       Which kind of sleep may a coroutine use?
    # TODO: put the pool on app.state.pool.
    # TODO: yield, so the body of the `async with` runs, and make sure the
    #       pool is closed (awaited!) however the body ends.
    yield


class AsyncTimer:
    """`async with AsyncTimer() as t:` binds the timer itself, then sets `t.elapsed`.

    `elapsed` is the seconds (a float) between entering and leaving the block,
    time spent awaiting included. The clock starts on entry, not when the
    AsyncTimer is created. It is set even when the block raises, and the
    exception is never swallowed.
    """

    elapsed: float

    async def __aenter__(self) -> Self:
        # TODO: note when the block starts (time.perf_counter() measures
        #       durations) and return what `as t` should bind.
        raise NotImplementedError("AsyncTimer.__aenter__")

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # TODO: set self.elapsed to the seconds since __aenter__, also when
        #       the block raised. Return nothing truthy: errors must go on.
        pass
