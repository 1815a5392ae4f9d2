"""Yields a generator expression instead of a list, so nothing is opened until the caller iterates."""

from collections.abc import Callable, Generator, Iterable
from contextlib import AbstractContextManager, ExitStack, contextmanager


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Generator[list[T]]:
    with ExitStack() as stack:
        yield (stack.enter_context(opener(path)) for path in paths)


def merge(paths: Iterable[str], out: str) -> None:
    with open_all(paths) as sources, open(out, "w") as target:
        for source in sources:
            target.write(source.read())
