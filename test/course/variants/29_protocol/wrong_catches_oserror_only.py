"""Collects only OSError, as if close() could fail no other way; a ValueError stops the loop."""

from collections.abc import Iterable
from typing import Protocol, runtime_checkable


class SupportsClose(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Readable(Protocol):
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    errors: list[OSError] = []
    for item in items:
        try:
            item.close()
        except OSError as error:
            errors.append(error)
    if errors:
        raise ExceptionGroup(f"{len(errors)} item(s) failed to close", errors)
