"""Returns True after the suppress block, as if the block had finished: a missing file reports True."""

import os
from contextlib import closing, suppress
from typing import Protocol

type StrPath = str | os.PathLike[str]


class Resource[T](Protocol):
    def read(self) -> T: ...

    def close(self) -> None: ...


def remove_if_exists(path: StrPath) -> bool:
    with suppress(FileNotFoundError):
        os.remove(path)
    return True


def read_all[T](resource: Resource[T]) -> T:
    with closing(resource) as opened:
        return opened.read()
