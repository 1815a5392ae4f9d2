"""Readable is a Protocol but lacks @runtime_checkable, so isinstance raises TypeError."""

from collections.abc import Iterable
from typing import Protocol


class SupportsClose(Protocol):
    def close(self) -> None: ...


class Readable(Protocol):
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    errors: list[Exception] = []
    for item in items:
        try:
            item.close()
        except Exception as error:  # not BaseException: Ctrl-C must still stop us
            errors.append(error)
    if errors:
        raise ExceptionGroup(f"{len(errors)} item(s) failed to close", errors)
