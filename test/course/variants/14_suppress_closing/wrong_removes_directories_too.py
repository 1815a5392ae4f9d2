"""Falls back to shutil.rmtree for a directory, like `fs.rmSync(p, { recursive: true })`, so a folder is deleted too."""

import os
import shutil
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
        if os.path.isdir(path):
            shutil.rmtree(path)
        else:
            os.remove(path)
        return True
    return False


def read_all[T](resource: Resource[T]) -> T:
    """Return `resource.read()`, and close `resource` exactly once afterwards."""
    with closing(resource) as opened:
        return opened.read()

