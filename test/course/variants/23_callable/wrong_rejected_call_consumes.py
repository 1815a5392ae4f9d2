"""Takes the token before checking, so refused calls drive the bucket into debt."""

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
        self._clock = clock
        self._tokens = float(per_second)  # the bucket starts full
        self._refilled_at = clock()

    def _take_token(self) -> None:
        now = self._clock()
        earned = (now - self._refilled_at) * self.per_second
        self._tokens = min(self.per_second, self._tokens + earned)
        self._refilled_at = now
        self._tokens -= 1
        if self._tokens < 0:
            raise RateLimited(f"rate limit of {self.per_second} calls per second reached")

    @overload
    def __call__[**P, T](
        self, fn: Callable[P, Coroutine[Any, Any, T]]
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...
    @overload
    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, R]: ...
    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, Any]:
        if inspect.iscoroutinefunction(fn):
            # A coroutine function needs a coroutine function as its wrapper.
            @functools.wraps(fn)
            async def async_wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
                # This body runs when the coroutine is awaited, not when it is
                # created, so the token is taken at that moment.
                self._take_token()
                return await fn(*args, **kwargs)

            return async_wrapper

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            self._take_token()
            return fn(*args, **kwargs)

        return wrapper

