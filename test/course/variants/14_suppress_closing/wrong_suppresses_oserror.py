"""Suppresses every OSError, so a directory (or a permission problem) looks like a missing file."""

import os
from contextlib import closing, suppress
from typing import Protocol

type StrPath = str | os.PathLike[str]


class Resource[T](Protocol):
    def read(self) -> T: ...

    def close(self) -> None: ...


def remove_if_exists(path: StrPath) -> bool:
    with suppress(OSError):
        os.remove(path)
        return True
    return False


def read_all[T](resource: Resource[T]) -> T:
    with closing(resource) as opened:
        return opened.read()
