"""Logs each close() error and carries on, so the caller never learns anything failed."""

from collections.abc import Iterable
from typing import Protocol, runtime_checkable


class SupportsClose(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Readable(Protocol):
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    for item in items:
        try:
            item.close()
        except Exception as error:  # not BaseException: Ctrl-C must still stop us
            print(f"close failed: {error!r}")
