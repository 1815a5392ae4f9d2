"""Exercise 14 · suppress_closing: reference solution."""

import os
from contextlib import closing, suppress
from typing import Protocol

type StrPath = str | os.PathLike[str]


class Resource[T](Protocol):
    """Anything with `read()` and `close()`, such as a socket-like or a legacy handle."""

    def read(self) -> T: ...

    def close(self) -> None: ...


def remove_if_exists(path: StrPath) -> bool:
    """Delete the file at `path`: True if it was removed, False if there was none."""
    with suppress(FileNotFoundError):
        os.remove(path)
        return True  # skipped when os.remove raised FileNotFoundError
    return False


def read_all[T](resource: Resource[T]) -> T:
    """Return `resource.read()`, and close `resource` exactly once afterwards."""
    with closing(resource) as opened:
        return opened.read()


# Why this way: `suppress(FileNotFoundError)` is try/except/pass with a name,
# and it names exactly one error, so a directory or a permission problem still
# surfaces. Trying first and ignoring the miss (EAFP) has no race between a
# check and the removal. The `return True` inside the block runs only if
# os.remove returned; a suppressed error jumps past it to `return False`.
# `closing` turns any object with close() into a context manager, so the
# close happens on every way out of the block, a raise or a return alike.
