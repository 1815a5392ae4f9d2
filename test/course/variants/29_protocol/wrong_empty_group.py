"""Always raises the ExceptionGroup, even when nothing failed (an empty group is a ValueError)."""

from collections.abc import Iterable
from typing import Protocol, runtime_checkable


class SupportsClose(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Readable(Protocol):
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    errors: list[Exception] = []
    for item in items:
        try:
            item.close()
        except Exception as error:  # not BaseException: Ctrl-C must still stop us
            errors.append(error)
    raise ExceptionGroup(f"{len(errors)} item(s) failed to close", errors)
