"""A generic class as the decorator, with the log as a class attribute."""

import functools
from collections.abc import Callable
from typing import ClassVar


class audited[**P, R]:
    log: ClassVar[list[tuple[str, tuple[object, ...], dict[str, object]]]] = []

    def __init__(self, fn: Callable[P, R]) -> None:
        functools.update_wrapper(self, fn)
        self._fn = fn

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        audited.log.append((self._fn.__name__, args, kwargs))
        return self._fn(*args, **kwargs)
