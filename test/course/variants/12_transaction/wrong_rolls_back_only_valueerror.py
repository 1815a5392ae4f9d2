"""Rolls back only for ValueError, so any other error from the block skips the rollback."""

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
        try:
            yield conn
        except ValueError:
            tx.rollback()
            raise
        tx.commit()
    finally:
        tx.close()
