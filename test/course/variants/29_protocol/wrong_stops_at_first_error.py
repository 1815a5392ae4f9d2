"""Closes in a plain loop, so the first close() that raises leaves the rest open."""

from collections.abc import Iterable
from typing import Protocol, runtime_checkable


class SupportsClose(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Readable(Protocol):
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    for item in items:
        item.close()
