"""load_or_default handles except* KeyError only, so an IndexError or another LookupError escapes."""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

type Loader[T] = Callable[[int], Coroutine[Any, Any, T]]


async def load_dashboard[U, O](
    user_id: int, *, get_user: Loader[U], get_orders: Loader[list[O]], timeout: float
) -> tuple[U, list[O]]:
    async with asyncio.timeout(timeout):
        async with asyncio.TaskGroup() as group:
            user = group.create_task(get_user(user_id))
            orders = group.create_task(get_orders(user_id))
    return user.result(), orders.result()


async def load_or_default[U, O](
    user_id: int, *, get_user: Loader[U], get_orders: Loader[list[O]], timeout: float
) -> tuple[U | None, list[O]]:
    try:
        return await load_dashboard(user_id, get_user=get_user, get_orders=get_orders, timeout=timeout)
    except* KeyError:
        pass
    return None, []
