"""Exercise 12 · transaction: a context manager written as a generator.

Write `transaction(conn)` with `@contextlib.contextmanager`. Entering the
`with` begins a transaction (`conn.begin()`) and binds `conn` itself to `as`.
If the block finishes, commit; if it raises anything at all, roll back and let
that same exception carry on. Close the transaction in every case, even when
commit or rollback itself fails.

You know this from TypeScript/Go as the classic Go idiom
`tx, err := db.Begin(); defer tx.Rollback(); …; return tx.Commit()`, or a TS
`try { …; await tx.commit() } catch (e) { await tx.rollback(); throw e }
finally { tx.close() }`. What carries over: it is try/except/finally, and
everything after the block is just cleanup. The false friend: the `with` block
runs *at your `yield`*, and its exception is raised right there, inside your
generator. If you catch it and don't re-raise, @contextmanager reports it as
handled and the error silently disappears, so a bare `except` that forgets
`raise` is a bug, not a log line.
"""

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
    # TODO: begin a transaction on conn before the block runs.
    # TODO: around the yield: commit when the block finished; on an exception,
    #       roll back and re-raise it; close the transaction whatever happened.
    yield conn
