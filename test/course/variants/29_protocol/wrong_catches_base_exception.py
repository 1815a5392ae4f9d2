"""Catches BaseException and raises a BaseExceptionGroup, so Ctrl-C is collected instead of stopping."""

from collections.abc import Iterable
from typing import Protocol, runtime_checkable


class SupportsClose(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Readable(Protocol):
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    errors: list[BaseException] = []
    for item in items:
        try:
            item.close()
        except BaseException as error:
            errors.append(error)
    if errors:
        raise BaseExceptionGroup(f"{len(errors)} item(s) failed to close", errors)
