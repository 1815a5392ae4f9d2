"""Catches OSError and checks errno against ENOENT, like `e.code === "ENOENT"` in Node."""

import errno
import os
from contextlib import closing
from typing import Protocol


class Resource[T](Protocol):
    def read(self) -> T: ...

    def close(self) -> None: ...


def remove_if_exists(path: str | os.PathLike[str]) -> bool:
    try:
        os.unlink(path)
    except OSError as error:
        if error.errno != errno.ENOENT:
            raise
        return False
    return True


def read_all[T](resource: Resource[T]) -> T:
    with closing(resource):
        data = resource.read()
    return data
