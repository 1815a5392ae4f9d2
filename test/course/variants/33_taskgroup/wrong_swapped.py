"""Returns (orders, user): the tuple is in the wrong order."""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

type Loader[T] = Callable[[int], Coroutine[Any, Any, T]]


async def load_dashboard[U, O](
    user_id: int, *, get_user: Loader[U], get_orders: Loader[list[O]], timeout: float
) -> tuple[list[O], U]:
    async with asyncio.timeout(timeout):
        async with asyncio.TaskGroup() as group:
            orders = group.create_task(get_orders(user_id))
            user = group.create_task(get_user(user_id))
    return orders.result(), user.result()


async def load_or_default[U, O](
    user_id: int, *, get_user: Loader[U], get_orders: Loader[list[O]], timeout: float
) -> tuple[list[O], U] | tuple[None, list[O]]:
    try:
        return await load_dashboard(user_id, get_user=get_user, get_orders=get_orders, timeout=timeout)
    except* LookupError:
        pass
    return None, []
