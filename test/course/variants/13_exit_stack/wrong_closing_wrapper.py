"""Wraps every resource in contextlib.closing, so the list holds the managers, not what they enter to."""

from collections.abc import Callable, Generator, Iterable
from contextlib import AbstractContextManager, ExitStack, closing, contextmanager


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Generator[list[T]]:
    with ExitStack() as stack:
        yield [stack.enter_context(closing(opener(path))) for path in paths]


def merge(paths: Iterable[str], out: str) -> None:
    with open_all(paths) as sources, open(out, "w") as target:
        for source in sources:
            target.write(source.read())
