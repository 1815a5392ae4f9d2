"""Exercise 23 · callable: a rate limiter you put above a def.

Write `RateLimiter(per_second, clock=time.monotonic)`. An instance is a
decorator: `@limiter` above a `def` or an `async def`. It keeps one token
bucket, shared by every function it decorates: the bucket holds at most
`per_second` tokens, starts full, and refills continuously (half a second
earns `per_second / 2` tokens, fractions included), reading the time from
`clock()` on every call. Each call takes one token; with less than one token
left, it raises `RateLimited` and does not call the function. A call that
raises still spent its token. `per_second <= 0` raises `ValueError`.

For an `async def`, the wrapper must itself be an `async def` (so
`inspect.iscoroutinefunction` is True for it), and the token is taken when the
coroutine starts running, that is when it is awaited, not when it is created.
Keep the wrapped function's name and docstring (`functools.wraps`).

You know this from TypeScript/Go as a closure over mutable state, or Go's
`golang.org/x/time/rate.Limiter`. What carries over: the state lives in one
place and every call consults it. The false friend: in Python, any object
whose class defines `__call__` can be called like a function, so the limiter
object itself is the decorator, with its state in plain attributes. And in
JS an `async` wrapper is just a function returning a promise; Python
frameworks such as FastAPI look at *how the function was defined*
(`async def` or not), so a plain `def` wrapper around a coroutine function
turns your async handler into a "sync" one.
"""

import time
from collections.abc import Callable


class RateLimited(Exception):
    """Raised instead of calling the function when the bucket has no token left."""


class RateLimiter:
    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        # TODO: reject a per_second that is not positive with ValueError.
        # TODO: remember the clock and start with a full bucket: per_second
        #       tokens, and the time (from clock()) they were counted.
        self.per_second = per_second

    def _take_token(self) -> None:
        # TODO: add the tokens earned since the last refill (elapsed seconds
        #       times per_second, fractions too), never more than per_second;
        #       then take one, or raise RateLimited if less than one is left.
        pass

    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, R]:
        # TODO: return a wrapper (functools.wraps) that takes a token before
        #       calling fn. For a coroutine function (inspect.iscoroutinefunction),
        #       the wrapper must be an `async def` that awaits fn.
        return fn
