"""Opens every path first and only then hands them to the ExitStack, so a failed open leaks the others."""

from collections.abc import Callable, Generator, Iterable
from contextlib import AbstractContextManager, ExitStack, contextmanager


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Generator[list[T]]:
    resources = [opener(path) for path in paths]
    with ExitStack() as stack:
        yield [stack.enter_context(resource) for resource in resources]


def merge(paths: Iterable[str], out: str) -> None:
    with open_all(paths) as sources, open(out, "w") as target:
        for source in sources:
            target.write(source.read())

