"""Exercise 14 · suppress_closing: two contextlib helpers instead of try blocks.

Write `remove_if_exists(path)`, which deletes a file and returns True, or
returns False when there was no such file; use `contextlib.suppress`. Then
write `read_all(resource)`, which returns what `resource.read()` gave and
always closes the resource afterwards; use `contextlib.closing`, because the
resource has `close()` but is not a context manager itself.

You know this from TypeScript/Go as
`try { unlinkSync(p) } catch (e) { if (e.code !== "ENOENT") throw e }` and as
`defer r.Close()`. What carries over: ignore one specific error, and tie a
cleanup call to the end of a scope. The false friend: `suppress` is not "on
error resume next". When the suppressed error is raised, the rest of the
`with` block is skipped and execution continues *after* the block, so any
line after the failing call inside the block never runs.
"""

import os
from contextlib import closing, suppress  # noqa: F401 - the helpers this exercise is about
from typing import Protocol

type StrPath = str | os.PathLike[str]


class Resource[T](Protocol):
    """Anything with `read()` and `close()`, such as a socket-like or a legacy handle."""

    def read(self) -> T: ...

    def close(self) -> None: ...


def remove_if_exists(path: StrPath) -> bool:
    """Delete the file at `path`: True if it was removed, False if there was none.

    Only "no such file" is expected. Any other OSError (the path is a
    directory, permission denied, ...) must reach the caller. Do not check
    `os.path.exists` first: between the check and the removal the file can
    come or go, and `exists` says False for a broken symbolic link that
    `os.remove` would delete. Just try, and ignore the one error you expect.
    """
    # TODO: wrap the removal in `with suppress(...)`, naming only the exception
    #       that means "there was nothing to remove".
    # TODO: return True only if the removal really happened, False otherwise.
    #       Think about which lines still run when the error is suppressed.
    os.remove(path)
    return True


def read_all[T](resource: Resource[T]) -> T:
    """Return `resource.read()`, and close `resource` exactly once afterwards.

    The resource is closed even when `read()` raises, and that error still
    reaches the caller.
    """
    # TODO: `with resource:` fails here, because the resource has no
    #       __enter__/__exit__. Wrap it in closing(...) instead, and read inside
    #       the block.
    return resource.read()
