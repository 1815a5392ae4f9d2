"""Exercise 33 · TaskGroup: reference solution."""

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
    # The deadline covers the whole group, including the wait at its end.
    async with asyncio.timeout(timeout):
        async with asyncio.TaskGroup() as group:
            user = group.create_task(get_user(user_id))
            orders = group.create_task(get_orders(user_id))
    # Leaving the group means both tasks finished without an error.
    return user.result(), orders.result()


async def load_or_default[U, O](
    user_id: int,
    *,
    get_user: Loader[U],
    get_orders: Loader[list[O]],
    timeout: float,
) -> tuple[U | None, list[O]]:
    try:
        return await load_dashboard(user_id, get_user=get_user, get_orders=get_orders, timeout=timeout)
    except* LookupError:
        # Only the LookupErrors are handled here; anything else in the group is
        # raised again, still in an ExceptionGroup. (An except* block cannot
        # return, so the default is returned below.)
        pass
    return None, []


# Why this way: `asyncio.TaskGroup` is structured concurrency. Its tasks
# cannot outlive the `async with` block: the block ends only when both calls
# have finished, and if one fails the group cancels the other and waits for it
# before raising, so no request is left running in the background. That is the
# difference from `asyncio.gather`, which, like `Promise.all`, reports the first
# error while the sibling keeps running. Because several tasks can fail at
# once, the group raises an ExceptionGroup holding every error, never the bare
# first one; `except*` picks the errors of one type out of the group and lets
# the rest propagate as a smaller group, where a plain `except LookupError`
# would not match at all. `asyncio.timeout` wraps the group: when the deadline
# passes it cancels the group's task, the group cancels both calls, and the
# cancellation comes out as a plain TimeoutError.
