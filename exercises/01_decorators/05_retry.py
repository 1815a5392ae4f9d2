"""Exercise 05 · retry: a decorator that takes arguments.

Write the factory ``retry(times=3, backoff=0.1, exceptions=(Exception,))``.
``@retry(...)`` calls fn up to ``times`` times while it raises one of
``exceptions`` (subclasses included), sleeping ``backoff * 2**attempt`` seconds
after failed attempt number ``attempt`` (0, 1, 2, ...) but never after the last
one; then the error from the last attempt propagates as it is. Other exceptions
propagate at once, a success is returned at once, ``times < 1`` raises
``ValueError`` as soon as ``retry(...)`` is called, and fn's metadata is kept.

You know this from TypeScript/Go as a function that builds a wrapper from
options: ``withRetry({ times: 3 })(fetchUser)`` in TS, or
``Retry(3, 100*time.Millisecond)(fetch)`` in Go. What carries over: configure
first, then wrap. The false friend: ``@retry(times=3)`` is *not* the decorator,
it is a call that must *return* one, so there are three nested layers
(configure → decorate → wrap); and ``@retry`` without parentheses would hand fn
to ``times``. In Python, an ``except`` clause takes a tuple of classes, and
matches subclasses too: closer to Go's ``errors.As`` than to ``==``, except
that it looks only at the raised exception, never down its ``__cause__``.
"""

import functools
import time
from collections.abc import Callable


def retry[**P, R](
    times: int = 3,
    backoff: float = 0.1,
    exceptions: tuple[type[Exception], ...] = (Exception,),
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    # TODO layer 1 (runs once, at `@retry(...)`): raise ValueError if times < 1,
    #      then return the decorator below.
    # TODO layer 2: `def decorator(fn)` returns a wrapper, using functools.wraps(fn).
    # TODO layer 3: `def wrapper(*args, **kwargs)` calls fn up to `times` times.
    #      On one of `exceptions`, sleep backoff * 2**attempt with time.sleep and
    #      try again; after the last attempt, let its error propagate.
    raise NotImplementedError("retry is not written yet")
