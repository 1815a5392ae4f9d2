"""asyncio.wait_for around a helper that runs the TaskGroup; load_or_default splits the group by hand with ExceptionGroup.split."""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any


async def _both[U, O](
    user_id: int,
    get_user: Callable[[int], Coroutine[Any, Any, U]],
    get_orders: Callable[[int], Coroutine[Any, Any, list[O]]],
) -> tuple[U, list[O]]:
    async with asyncio.TaskGroup() as group:
        user = group.create_task(get_user(user_id))
        orders = group.create_task(get_orders(user_id))
    return user.result(), orders.result()


async def load_dashboard[U, O](
    user_id: int,
    *,
    get_user: Callable[[int], Coroutine[Any, Any, U]],
    get_orders: Callable[[int], Coroutine[Any, Any, list[O]]],
    timeout: float,
) -> tuple[U, list[O]]:
    # wait_for around the whole group: on timeout it cancels the helper, the
    # group cancels both calls, and the caller gets TimeoutError.
    return await asyncio.wait_for(_both(user_id, get_user, get_orders), timeout)


async def load_or_default[U, O](
    user_id: int,
    *,
    get_user: Callable[[int], Coroutine[Any, Any, U]],
    get_orders: Callable[[int], Coroutine[Any, Any, list[O]]],
    timeout: float,
) -> tuple[U | None, list[O]]:
    try:
        return await load_dashboard(user_id, get_user=get_user, get_orders=get_orders, timeout=timeout)
    except ExceptionGroup as group:
        _, rest = group.split(LookupError)
        if rest is not None:
            raise rest from None
        return None, []
