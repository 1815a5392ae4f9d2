"""Also suppresses errors from read(), returning None like a Go zero value instead of letting the error through."""

import os
from contextlib import closing, suppress
from typing import Protocol

type StrPath = str | os.PathLike[str]


class Resource[T](Protocol):
    """Anything with `read()` and `close()`, such as a socket-like or a legacy handle."""

    def read(self) -> T: ...

    def close(self) -> None: ...


def remove_if_exists(path: StrPath) -> bool:
    """Delete the file at `path`: True if it was removed, False if there was none."""
    with suppress(FileNotFoundError):
        os.remove(path)
        return True  # skipped when os.remove raised FileNotFoundError
    return False


def read_all[T](resource: Resource[T]) -> T:
    """Return `resource.read()`, and close `resource` exactly once afterwards."""
    with closing(resource) as opened, suppress(Exception):
        return opened.read()
    return None

