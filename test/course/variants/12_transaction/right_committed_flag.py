"""Go's deferred-rollback idiom done right: a `committed` flag decides in finally."""

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
    committed = False
    try:
        yield conn
        tx.commit()
        committed = True
    finally:
        try:
            if not committed:
                tx.rollback()
        finally:
            tx.close()
