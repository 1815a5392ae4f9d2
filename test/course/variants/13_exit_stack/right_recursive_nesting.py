"""Nests one `with` per path by recursion instead of an ExitStack; merge streams with shutil."""

import shutil
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import AbstractContextManager, contextmanager


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Generator[list[T]]:
    yield from _nested(list(paths), opener)


def _nested[T](
    paths: Sequence[str], opener: Callable[[str], AbstractContextManager[T]]
) -> Generator[list[T]]:
    if not paths:
        yield []
        return
    with opener(paths[0]) as first, contextmanager(_nested)(paths[1:], opener) as rest:
        yield [first, *rest]


def merge(paths: Iterable[str], out: str) -> None:
    with open(out, "w") as target:
        for path in paths:
            with open(path) as source:
                shutil.copyfileobj(source, target)
