"""Builds fetch_user_explicit by folding a list of layers with functools.reduce, like a Go middleware chain."""

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


@functools.cache
@timed
@retry(times=3, backoff=0.2, exceptions=(ConnectionError,))
def fetch_user(user_id: int) -> User:
    """Load one user's profile from the user service."""
    return service.load(user_id)


def fetch_user_explicit(user_id: int) -> User:
    """Load one user's profile: fetch_user's stack, built with plain calls."""
    return service.load(user_id)


# Like a Go middleware chain: list the layers outermost first, then apply them
# from the last (innermost) to the first.
_layers: list[Callable[[Callable[[int], User]], Callable[[int], User]]] = [
    functools.cache,
    timed,
    retry(times=3, backoff=0.2, exceptions=(ConnectionError,)),
]
fetch_user_explicit = functools.reduce(lambda fn, layer: layer(fn), reversed(_layers), fetch_user_explicit)

