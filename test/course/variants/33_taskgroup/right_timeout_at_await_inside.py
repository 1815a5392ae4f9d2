"""asyncio.timeout_at with an absolute deadline, the tasks awaited inside the group, and a local flag set by except*."""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any


async def load_dashboard[U, O](
    user_id: int,
    *,
    get_user: Callable[[int], Coroutine[Any, Any, U]],
    get_orders: Callable[[int], Coroutine[Any, Any, list[O]]],
    timeout: float,
) -> tuple[U, list[O]]:
    deadline = asyncio.get_running_loop().time() + timeout
    async with asyncio.timeout_at(deadline), asyncio.TaskGroup() as group:
        user_task = group.create_task(get_user(user_id), name="get_user")
        orders_task = group.create_task(get_orders(user_id), name="get_orders")
        user = await user_task
        orders = await orders_task
    return user, orders


async def load_or_default[U, O](
    user_id: int,
    *,
    get_user: Callable[[int], Coroutine[Any, Any, U]],
    get_orders: Callable[[int], Coroutine[Any, Any, list[O]]],
    timeout: float,
) -> tuple[U | None, list[O]]:
    missing = False
    try:
        dashboard = await load_dashboard(user_id, get_user=get_user, get_orders=get_orders, timeout=timeout)
    except* LookupError:
        missing = True
    if missing:
        return None, []
    return dashboard
