"""Preallocates the list with len(paths), like Go's make([]T, len(paths)), so a generator of paths fails."""

from collections.abc import Callable, Generator, Iterable
from contextlib import AbstractContextManager, ExitStack, contextmanager


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Generator[list[T]]:
    with ExitStack() as stack:
        resources: list[T | None] = [None] * len(paths)
        for index, path in enumerate(paths):
            resources[index] = stack.enter_context(opener(path))
        yield resources


def merge(paths: Iterable[str], out: str) -> None:
    with open_all(paths) as sources, open(out, "w") as target:
        for source in sources:
            target.write(source.read())
