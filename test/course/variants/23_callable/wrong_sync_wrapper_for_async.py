"""One plain def wrapper for everything: an async def comes back as a sync function returning a coroutine."""

import functools
import time
from collections.abc import Callable


class RateLimited(Exception):
    """Raised instead of calling the function when the bucket has no token left."""


class RateLimiter:
    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        if per_second <= 0:
            raise ValueError(f"per_second must be positive, got {per_second!r}")
        self.per_second = per_second
        self._clock = clock
        self._tokens = float(per_second)
        self._refilled_at = clock()

    def _take_token(self) -> None:
        now = self._clock()
        earned = (now - self._refilled_at) * self.per_second
        self._tokens = min(self.per_second, self._tokens + earned)
        self._refilled_at = now
        if self._tokens < 1:
            raise RateLimited(f"rate limit of {self.per_second} calls per second reached")
        self._tokens -= 1

    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, R]:
        # Like a JS wrapper: an async function "just returns a promise", so pass it on.
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            self._take_token()
            return fn(*args, **kwargs)

        return wrapper
