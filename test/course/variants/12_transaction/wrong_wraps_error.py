"""Wraps the error in a new RuntimeError instead of re-raising the original."""

from collections.abc import Generator
from contextlib import contextmanager
from typing import Protocol


class Transaction(Protocol):
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


class Connection(Protocol):
    def begin(self) -> Transaction: ...


class TransactionFailed(RuntimeError):
    pass


@contextmanager
def transaction[C: Connection](conn: C) -> Generator[C]:
    tx = conn.begin()
    try:
        yield conn
        tx.commit()
    except Exception as error:
        tx.rollback()
        raise TransactionFailed("transaction rolled back") from error
    finally:
        tx.close()
