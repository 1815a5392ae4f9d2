"""Exercise 13 · exit_stack: reference solution."""

from collections.abc import Callable, Generator, Iterable
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import TextIO


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Generator[list[T]]:
    with ExitStack() as stack:
        yield [stack.enter_context(opener(path)) for path in paths]


def _open_text(path: str) -> TextIO:
    """Open `path` for reading as UTF-8, whatever the machine's locale says."""
    return open(path, encoding="utf-8")


def merge(paths: Iterable[str], out: str) -> None:
    with (
        open_all(paths, opener=_open_text) as sources,
        open(out, "w", encoding="utf-8") as target,
    ):
        for source in sources:
            target.write(source.read())


# Why this way: ExitStack is a `with` statement whose length you choose at run
# time. enter_context registers each resource the moment it is open, so if the
# third open raises, the stack already holds the first two and closes them,
# newest first, before the error leaves. It enters any context manager, not
# only objects with close(): what it binds is what __enter__ returns, and the
# list is built eagerly (a list comprehension, not a lazy generator), so every
# resource is open before the caller's block starts. The same unwinding runs
# when the block ends or raises, and a close that fails does not stop the
# others. Yielding from inside the stack's `with` keeps everything open exactly
# as long as the caller's block. merge reuses open_all, and names the encoding:
# without it, open() uses the locale's, which differs between machines.
