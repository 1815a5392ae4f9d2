"""A class with __enter__/__exit__ instead of a @contextmanager generator."""

from types import TracebackType
from typing import Protocol


class Transaction(Protocol):
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


class Connection(Protocol):
    def begin(self) -> Transaction: ...


class transaction[C: Connection]:
    def __init__(self, conn: C) -> None:
        self._conn = conn

    def __enter__(self) -> C:
        self._tx = self._conn.begin()
        return self._conn

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self._tx.commit()
            else:
                self._tx.rollback()
        finally:
            self._tx.close()
