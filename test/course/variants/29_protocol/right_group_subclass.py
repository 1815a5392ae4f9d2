"""Raises a named ExceptionGroup subclass, and both protocols are runtime-checkable."""

from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable


@runtime_checkable
class SupportsClose(Protocol):
    def close(self) -> None:
        """Release the resource."""
        ...


@runtime_checkable
class Readable(Protocol):
    def read(self, n: int = -1) -> bytes:
        """Read up to n bytes; all of them when n is negative."""
        ...


class CloseErrors(ExceptionGroup[Exception]):
    """Every error raised while closing a batch of resources."""


def _failures(items: Iterable[SupportsClose]) -> Iterator[Exception]:
    for item in items:
        try:
            item.close()
        except Exception as error:
            yield error


def close_all(items: Iterable[SupportsClose]) -> None:
    if failures := list(_failures(items)):
        raise CloseErrors("closing failed", failures)
