"""pathlib's Path.unlink inside suppress, and a flag instead of returning from the block."""

from contextlib import closing, suppress
from pathlib import Path
from typing import Any


def remove_if_exists(path: str | Path) -> bool:
    removed = False
    with suppress(FileNotFoundError):
        Path(path).unlink()
        removed = True
    return removed


def read_all(resource: Any) -> Any:
    with closing(resource) as handle:
        content = handle.read()
    return content
