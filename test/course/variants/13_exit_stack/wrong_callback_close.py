"""Registers `resource.close` with stack.callback, like TS's `stack.defer(() => r.close())`, so only objects with close() work."""

from collections.abc import Callable, Generator, Iterable
from contextlib import AbstractContextManager, ExitStack, contextmanager


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Generator[list[T]]:
    with ExitStack() as stack:
        resources: list[T] = []
        for path in paths:
            resource = opener(path)
            stack.callback(resource.close)
            resources.append(resource)
        yield resources


def merge(paths: Iterable[str], out: str) -> None:
    with open_all(paths) as sources, open(out, "w") as target:
        for source in sources:
            target.write(source.read())
