"""Exercise 13 · exit_stack: reference solution."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Iterator[list[T]]:
    with ExitStack() as stack:
        yield [stack.enter_context(opener(path)) for path in paths]


def merge(paths: Iterable[str], out: str) -> None:
    with open_all(paths) as sources, open(out, "w") as target:
        for source in sources:
            target.write(source.read())


# Why this way: ExitStack is a `with` statement whose length you choose at run
# time. enter_context registers each resource the moment it is open, so if the
# third open raises, the stack already holds the first two and closes them,
# newest first, before the error leaves. The same unwinding runs when the block
# ends or raises, and a close that fails does not stop the others. Yielding
# from inside the stack's `with` keeps everything open exactly as long as the
# caller's block, and merge reuses open_all rather than repeating the dance.
