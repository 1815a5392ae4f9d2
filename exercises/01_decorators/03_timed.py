"""Exercise 03 · timed: measure a call, even one that fails.

Write `timed(fn)`. Each call of the wrapper measures fn with
``time.perf_counter()`` and, once fn is done, prints ``<name> took <ms>ms``: the
elapsed milliseconds with two decimals, e.g. ``load took 12.50ms``. The line is
printed whether fn returns *or raises*; a return value comes back unchanged and
an exception propagates unchanged (timed never swallows it). Keep fn's metadata.

You know this from TypeScript/Go as ``try { ... } finally { ... }`` in TS, or
``start := time.Now(); defer func() { log(time.Since(start)) }()`` in Go. What
carries over: ``finally`` runs on success, on error, and on ``return``. The false
friends: Python has no ``defer``, so the cleanup lives in ``try/finally`` around
the call; and ``except Exception`` is not a catch-all, because ``KeyboardInterrupt``
and ``SystemExit`` derive from ``BaseException``: ``finally`` sees those too.
"""

import functools
import time
from collections.abc import Callable


def timed[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        # TODO: note the time with time.perf_counter() before calling fn.
        # TODO: call fn inside `try`, and print "<name> took <ms>ms" in `finally`,
        #       so the line appears even when fn raises.
        return fn(*args, **kwargs)

    return wrapper
