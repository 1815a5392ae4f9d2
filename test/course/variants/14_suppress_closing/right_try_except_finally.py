"""Hand-written try/except and try/finally instead of the contextlib helpers."""

import os
from typing import Protocol


class Resource[T](Protocol):
    def read(self) -> T: ...

    def close(self) -> None: ...


def remove_if_exists(path: str | os.PathLike[str]) -> bool:
    try:
        os.remove(path)
    except FileNotFoundError:
        return False
    return True


def read_all[T](resource: Resource[T]) -> T:
    try:
        return resource.read()
    finally:
        resource.close()
