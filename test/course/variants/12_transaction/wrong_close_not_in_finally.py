"""Closes on each path by hand instead of in finally, so a failing commit or rollback skips close."""

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
    except Exception:
        tx.rollback()
        tx.close()
        raise
    tx.commit()
    tx.close()
