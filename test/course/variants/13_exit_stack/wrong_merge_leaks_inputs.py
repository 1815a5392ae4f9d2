"""open_all is right, but merge opens each input with a bare open() and never closes it."""

from collections.abc import Callable, Generator, Iterable
from contextlib import AbstractContextManager, ExitStack, contextmanager


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Generator[list[T]]:
    with ExitStack() as stack:
        yield [stack.enter_context(opener(path)) for path in paths]


def merge(paths: Iterable[str], out: str) -> None:
    with open(out, "w") as target:
        for path in paths:
            target.write(open(path).read())
