"""Keeps the token count in a class attribute it updates through the class, so every limiter shares one bucket."""

import functools
import inspect
import time
from collections.abc import Callable, Coroutine
from typing import Any, ClassVar, overload


class RateLimited(Exception):
    """Raised instead of calling the function when the bucket has no token left."""


class RateLimiter:
    # Like a TS `static` field: one value for the whole class.
    tokens: ClassVar[float] = 0.0
    refilled_at: ClassVar[float] = 0.0

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        if per_second <= 0:
            raise ValueError(f"per_second must be positive, got {per_second!r}")
        self.per_second = per_second
        self._clock = clock
        RateLimiter.tokens = float(per_second)
        RateLimiter.refilled_at = clock()

    def _take_token(self) -> None:
        now = self._clock()
        earned = (now - RateLimiter.refilled_at) * self.per_second
        RateLimiter.tokens = min(self.per_second, RateLimiter.tokens + earned)
        RateLimiter.refilled_at = now
        if RateLimiter.tokens < 1:
            raise RateLimited(f"rate limit of {self.per_second} calls per second reached")
        RateLimiter.tokens -= 1

    @overload
    def __call__[**P, T](
        self, fn: Callable[P, Coroutine[Any, Any, T]]
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...
    @overload
    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, R]: ...
    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, Any]:
        if inspect.iscoroutinefunction(fn):
            @functools.wraps(fn)
            async def async_wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
                self._take_token()
                return await fn(*args, **kwargs)

            return async_wrapper

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            self._take_token()
            return fn(*args, **kwargs)

        return wrapper
