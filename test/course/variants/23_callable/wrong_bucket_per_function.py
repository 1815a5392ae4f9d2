"""Keeps the bucket in variables local to __call__, so every decorated function gets a bucket of its own."""

import functools
import inspect
import time
from collections.abc import Callable, Coroutine
from typing import Any, overload


class RateLimited(Exception):
    """Raised instead of calling the function when the bucket has no token left."""


class RateLimiter:
    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        if per_second <= 0:
            raise ValueError(f"per_second must be positive, got {per_second!r}")
        self.per_second = per_second
        self.clock = clock

    @overload
    def __call__[**P, T](
        self, fn: Callable[P, Coroutine[Any, Any, T]]
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...
    @overload
    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, R]: ...
    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, Any]:
        # Like a Go closure: the state lives next to the function it guards.
        tokens = float(self.per_second)
        refilled_at = self.clock()

        def take_token() -> None:
            nonlocal tokens, refilled_at
            now = self.clock()
            tokens = min(self.per_second, tokens + (now - refilled_at) * self.per_second)
            refilled_at = now
            if tokens < 1:
                raise RateLimited(f"rate limit of {self.per_second} calls per second reached")
            tokens -= 1

        if inspect.iscoroutinefunction(fn):
            @functools.wraps(fn)
            async def async_wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
                take_token()
                return await fn(*args, **kwargs)

            return async_wrapper

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            take_token()
            return fn(*args, **kwargs)

        return wrapper
