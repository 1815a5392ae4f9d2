"""A separate TokenBucket dataclass that starts counting lazily, composed into the limiter."""

import functools
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class RateLimited(Exception):
    """Raised instead of calling the function when the bucket has no token left."""


@dataclass
class TokenBucket:
    capacity: float
    clock: Callable[[], float]
    tokens: float = field(init=False)
    last: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.tokens = self.capacity

    def try_take(self) -> bool:
        now = self.clock()
        if self.last is not None:
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.capacity)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class RateLimiter:
    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be > 0")
        self.bucket = TokenBucket(per_second, clock)

    def _check(self, fn: Callable[..., Any]) -> None:
        if not self.bucket.try_take():
            raise RateLimited(f"{fn.__name__}: rate limit reached")

    def __call__(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(fn):
            @functools.wraps(fn)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                self._check(fn)
                return await fn(*args, **kwargs)

            return run_async

        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            self._check(fn)
            return fn(*args, **kwargs)

        return run
