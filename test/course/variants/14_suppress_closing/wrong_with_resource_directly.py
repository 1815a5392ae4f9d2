"""Uses the resource itself in `with`, but it has no __enter__/__exit__."""

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
    return False


def read_all[T](resource: Resource[T]) -> T:
    with resource:  # type: ignore[attr-defined]
        return resource.read()
