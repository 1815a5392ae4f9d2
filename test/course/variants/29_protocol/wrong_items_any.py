"""Types the parameter as Iterable[Any], TS-style `any`, so pyright accepts items that cannot close."""

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable


class SupportsClose(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Readable(Protocol):
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[Any]) -> None:
    errors: list[Exception] = []
    for item in items:
        try:
            item.close()
        except Exception as error:  # not BaseException: Ctrl-C must still stop us
            errors.append(error)
    if errors:
        raise ExceptionGroup(f"{len(errors)} item(s) failed to close", errors)
