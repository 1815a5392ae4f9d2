"""Decides to commit in finally from a flag that only `except Exception` sets, so Ctrl-C commits."""

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
    failed = False
    try:
        yield conn
    except Exception:
        failed = True
        tx.rollback()
        raise
    finally:
        if not failed:
            tx.commit()
        tx.close()
