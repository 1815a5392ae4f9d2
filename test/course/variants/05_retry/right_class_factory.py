"""A class as the factory: __init__ takes the options, __call__ decorates; `from time import sleep`."""

from collections.abc import Callable
from functools import wraps
from time import sleep


class retry:
    def __init__(
        self,
        times: int = 3,
        backoff: float = 0.1,
        exceptions: tuple[type[Exception], ...] = (Exception,),
    ) -> None:
        if times < 1:
            raise ValueError("times must be at least 1")
        self.times = times
        self.backoff = backoff
        self.exceptions = exceptions

    def __call__[**P, R](self, fn: Callable[P, R]) -> Callable[P, R]:
        @wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            attempt = 0
            while True:
                try:
                    return fn(*args, **kwargs)
                except self.exceptions:
                    if attempt == self.times - 1:
                        raise
                    sleep(self.backoff * 2**attempt)
                    attempt += 1

        return wrapper
