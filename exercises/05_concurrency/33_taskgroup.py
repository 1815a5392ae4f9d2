"""Exercise 33 · TaskGroup: two calls at once, cancelled together, errors in a group.

Write `async load_dashboard(user_id, *, get_user, get_orders, timeout)`. It
runs `get_user(user_id)` and `get_orders(user_id)` at the same time, in an
`asyncio.TaskGroup` inside `asyncio.timeout(timeout)`, and returns
`(user, orders)`. When one call fails, the other is cancelled, and the error
reaches the caller inside an `ExceptionGroup`, which is what a TaskGroup
raises. When the deadline passes, both calls are cancelled and the caller
gets a plain `TimeoutError`. Then write `load_or_default(...)`, with the same
parameters: missing data (a `LookupError` such as `KeyError` or `IndexError`,
from either call) gives `(None, [])`, handled with `except* LookupError`;
every other error still propagates.

You know this from TypeScript/Go as `Promise.all([getUser(id), getOrders(id)])`,
or `errgroup.WithContext` in Go. What carries over: both requests start at
once and you wait for the pair. The false friends: `Promise.all` (and Python's
`asyncio.gather`) rejects with the first error and lets the other request run
on, unobserved; a TaskGroup cancels it, like errgroup cancelling its context,
and waits for it to stop. And what you catch is an `ExceptionGroup`, not the
error itself, so `except LookupError:` never matches: `except* LookupError:`
does.
"""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

type Loader[T] = Callable[[int], Coroutine[Any, Any, T]]


async def load_dashboard[U, O](
    user_id: int,
    *,
    get_user: Loader[U],
    get_orders: Loader[list[O]],
    timeout: float,
) -> tuple[U, list[O]]:
    # TODO: start both calls as tasks of one asyncio.TaskGroup, with the whole
    #       group inside `async with asyncio.timeout(timeout):`, and return
    #       (user, orders) once the group is done.
    # This version runs one call after the other, with no deadline.
    user = await get_user(user_id)
    orders = await get_orders(user_id)
    return user, orders


async def load_or_default[U, O](
    user_id: int,
    *,
    get_user: Loader[U],
    get_orders: Loader[list[O]],
    timeout: float,
) -> tuple[U | None, list[O]]:
    # TODO: call load_dashboard; turn a LookupError from either call into
    #       (None, []) with `except* LookupError`, and let every other error through.
    return await load_dashboard(user_id, get_user=get_user, get_orders=get_orders, timeout=timeout)
