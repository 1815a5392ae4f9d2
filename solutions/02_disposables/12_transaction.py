"""Exercise 12 · transaction: reference solution."""

from collections.abc import Generator
from contextlib import contextmanager
from typing import Protocol


class Transaction(Protocol):
    """What `conn.begin()` returns."""

    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


class Connection(Protocol):
    """All that `transaction` needs from a connection (the tests pass a fake)."""

    def begin(self) -> Transaction: ...


@contextmanager
def transaction[C: Connection](conn: C) -> Generator[C]:
    tx = conn.begin()
    try:
        try:
            yield conn
        except BaseException:
            tx.rollback()
            raise
        tx.commit()
    finally:
        tx.close()


# Why this way: everything before the yield is __enter__, the yield is the
# block, everything after is __exit__. The inner try sees exactly the block's
# exception: roll back and re-raise with a bare `raise`, which keeps the
# original exception and traceback (forgetting it would make @contextmanager
# swallow the error). Commit sits after the inner try, so it runs only when
# the block finished. The outer finally closes the transaction on every path,
# even when commit or rollback raises. Catching BaseException means Ctrl-C
# rolls back too. Typing conn as a Protocol bound by PEP 695 `[C: Connection]`
# keeps the caller's own connection type in `with transaction(db) as c`.
