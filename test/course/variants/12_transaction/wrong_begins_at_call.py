"""A class-based manager that begins the transaction in __init__, before the with is entered."""

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
        self.conn = conn
        self.tx = conn.begin()

    def __enter__(self) -> C:
        return self.conn

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self.tx.commit()
            else:
                self.tx.rollback()
        finally:
            self.tx.close()
