"""Awaits get_user, then get_orders: one after the other, never at the same time."""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

type Loader[T] = Callable[[int], Coroutine[Any, Any, T]]


async def load_dashboard[U, O](
    user_id: int, *, get_user: Loader[U], get_orders: Loader[list[O]], timeout: float
) -> tuple[U, list[O]]:
    async with asyncio.timeout(timeout):
        user = await get_user(user_id)
        orders = await get_orders(user_id)
    return user, orders


async def load_or_default[U, O](
    user_id: int, *, get_user: Loader[U], get_orders: Loader[list[O]], timeout: float
) -> tuple[U | None, list[O]]:
    try:
        return await load_dashboard(user_id, get_user=get_user, get_orders=get_orders, timeout=timeout)
    except* LookupError:
        pass
    return None, []
