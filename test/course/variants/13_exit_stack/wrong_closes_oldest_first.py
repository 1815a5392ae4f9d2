"""Hand-written cleanup in a finally that closes resources in opening order (FIFO)."""

from collections.abc import Callable, Generator, Iterable
from contextlib import contextmanager
from typing import Any


@contextmanager
def open_all(paths: Iterable[str], opener: Callable[[str], Any] = open) -> Generator[list[Any]]:
    opened: list[Any] = []
    try:
        for path in paths:
            opened.append(opener(path))
        yield opened
    finally:
        for resource in opened:
            resource.close()


def merge(paths: Iterable[str], out: str) -> None:
    with open_all(paths) as sources, open(out, "w") as target:
        for source in sources:
            target.write(source.read())
