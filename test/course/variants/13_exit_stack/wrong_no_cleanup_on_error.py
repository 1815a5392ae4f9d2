"""Closes newest first after the yield, but without try/finally, so an error skips every close."""

from collections.abc import Callable, Generator, Iterable
from contextlib import contextmanager
from typing import Any


@contextmanager
def open_all(paths: Iterable[str], opener: Callable[[str], Any] = open) -> Generator[list[Any]]:
    opened = [opener(path) for path in paths]
    yield opened
    for resource in reversed(opened):
        resource.close()


def merge(paths: Iterable[str], out: str) -> None:
    with open_all(paths) as sources, open(out, "w") as target:
        for source in sources:
            target.write(source.read())
