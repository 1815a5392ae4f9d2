"""Stores one timestamp (when the bucket will be full again, GCRA style) instead of a token count, with `from time import monotonic`."""

import functools
import inspect
from collections.abc import Callable, Coroutine
from time import monotonic
from typing import Any, overload


class RateLimited(Exception):
    """Raised instead of calling the function when the bucket has no token left."""


class RateLimiter:
    def __init__(self, per_second: float, clock: Callable[[], float] = monotonic) -> None:
        if not per_second > 0:
            raise ValueError(f"per_second must be positive, got {per_second!r}")
        self._interval = 1 / per_second  # seconds one token takes to come back
        self._clock = clock
        self._full_at = clock()  # the moment the bucket is full again; now, so it starts full

    def _admit(self) -> None:
        now = self._clock()
        full_at = max(self._full_at, now) + self._interval
        # A full bucket (per_second tokens) takes exactly one second to refill.
        if full_at - now > 1:
            raise RateLimited("too many calls")
        self._full_at = full_at

    @overload
    def __call__[**P, T](
        self, fn: Callable[P, Coroutine[Any, Any, T]]
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...
    @overload
    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, R]: ...
    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, Any]:
        if inspect.iscoroutinefunction(fn):
            async def async_wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
                self._admit()
                return await fn(*args, **kwargs)

            return functools.update_wrapper(async_wrapper, fn)

        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            self._admit()
            return fn(*args, **kwargs)

        return functools.update_wrapper(wrapper, fn)
