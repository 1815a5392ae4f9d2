"""Rolls back in finally like Go's `defer tx.Rollback()`, so a committed transaction is rolled back too."""

from collections.abc import Generator
from contextlib import contextmanager
from typing import Protocol


class Transaction(Protocol):
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


class Connection(Protocol):
    def begin(self) -> Transaction: ...


@contextmanager
def transaction[C: Connection](conn: C) -> Generator[C]:
    tx = conn.begin()
    try:
        yield conn
        tx.commit()
    finally:
        tx.rollback()
        tx.close()
