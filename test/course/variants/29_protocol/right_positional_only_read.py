"""Declares read's n as positional-only (as typeshed does), and raises through BaseExceptionGroup's constructor."""

from collections.abc import Iterable
from typing import Protocol, runtime_checkable


class SupportsClose(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    errors: list[Exception] = []
    iterator = iter(items)
    while (item := next(iterator, None)) is not None:
        try:
            item.close()
        except Exception as error:
            errors.append(error)
    if errors:
        # With only Exceptions inside, this builds an ExceptionGroup.
        raise BaseExceptionGroup("could not close everything", errors)
