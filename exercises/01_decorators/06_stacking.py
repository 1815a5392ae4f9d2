"""Exercise 06 · stacking: the order of decorators is part of the behaviour.

Put `functools.cache`, `timed` and `retry` on `fetch_user` in the one order
that gives the behaviour below. Then build `fetch_user_explicit`, the same
stack written with plain calls instead of `@`. `timed` and `retry` are given:
use them as they are.

What the stack must do:
- A user fetched before comes straight from the cache: no timing line, no
  retry, no request to the service. `fetch_user.cache_clear()` empties it.
- Every lookup that reaches the service prints exactly one timing line, and
  that time covers the whole lookup, every failed attempt and back-off pause.
- Only `ConnectionError` is retried, with `retry(times=3, backoff=0.2,
  exceptions=(ConnectionError,))`. Any other error (an unknown user raises
  `LookupError`) reaches the caller at once.
- `fetch_user_explicit` behaves the same way with a cache of its own, and its
  timing line names `fetch_user_explicit`.

If you have seen the usual textbook stack (timing on top, the cache nearest the
`def`), expect it to fail here: it times and retries every call, cache hits
included, while this docstring promises that a hit costs nothing at all.

You know this from TypeScript/Go as function composition. Go's
`h = Logged(Retried(h))` and TS's stacked decorators both work from the inside
out, and so does Python: the decorator nearest the `def` is applied first, so
the one on top ends up as the outermost wrapper, and it runs first on every
call. The false friend is reading the stack top-down as "first do this, then
that". The top line is applied *last*.
"""

import functools
import time
from collections.abc import Callable

type User = dict[str, str]


class UserService:
    """Stands in for a remote user API. The tests swap in a flakier one."""

    def __init__(self) -> None:
        self._names = {1: "ada", 2: "grace", 3: "barbara"}

    def load(self, user_id: int) -> User:
        if user_id not in self._names:
            raise LookupError(f"no user with id {user_id}")
        return {"id": str(user_id), "name": self._names[user_id]}


service = UserService()


# --- Given helpers: use them, do not change them. ---------------------------


def timed[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    """Print ``<name> took <ms>ms`` after each call, also when fn raises."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            print(f"{fn.__name__} took {elapsed_ms:.0f}ms")

    return wrapper


def retry[**P, R](
    times: int = 3,
    backoff: float = 0.1,
    exceptions: tuple[type[Exception], ...] = (Exception,),
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Call fn up to `times` times while it raises one of `exceptions`.

    Sleeps ``backoff * 2**n`` seconds after failed attempt n (counting from 0),
    never after the last one, and then re-raises the last error.
    """
    if times < 1:
        raise ValueError("times must be at least 1")

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times - 1:
                        raise
                    time.sleep(backoff * 2**attempt)
            raise AssertionError("unreachable: the loop returns or raises")

        return wrapper

    return decorate


# --- Your part. -------------------------------------------------------------


# TODO: stack functools.cache, timed and retry(times=3, backoff=0.2,
#       exceptions=(ConnectionError,)) above this def, in the order that gives
#       the behaviour the docstring asks for.
def fetch_user(user_id: int) -> User:
    """Load one user's profile from the user service."""
    return service.load(user_id)


def fetch_user_explicit(user_id: int) -> User:
    """Load one user's profile: fetch_user's stack, built with plain calls."""
    return service.load(user_id)


# TODO: rebind fetch_user_explicit to the same stack, with calls and no `@`:
#       fetch_user_explicit = outermost(middle(innermost(fetch_user_explicit)))
