"""Exercise 29 · protocol: reference solution."""

from collections.abc import Iterable
from typing import Protocol, runtime_checkable


class SupportsClose(Protocol):
    def close(self) -> None: ...


@runtime_checkable
class Readable(Protocol):
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    errors: list[Exception] = []
    for item in items:
        try:
            item.close()
        except Exception as error:  # not BaseException: Ctrl-C must still stop us
            errors.append(error)
    if errors:
        raise ExceptionGroup(f"{len(errors)} item(s) failed to close", errors)


# Why this way: a Protocol is an interface the way TypeScript and Go mean it:
# any class with a matching `close()` is a SupportsClose, no inheritance and no
# registration needed, and pyright checks the whole signature, parameter names
# included (a caller may write `read(n=3)`; typeshed marks such parameters
# positional-only with `/` when the name should not matter). At run time
# `@runtime_checkable` lets `isinstance` look only for the method's name, never
# its signature or return type: a shallow check, so keep the real checking in
# the type checker. close_all is the error handling of `contextlib.ExitStack`
# and of `asyncio.TaskGroup` in miniature: every cleanup still runs, and every
# failure reaches the caller together, in one ExceptionGroup that `except*`
# can take apart. The standard library and typeshed are full of these small
# protocols (`SupportsIndex`, `SupportsRead`, `typing.SupportsAbs`).
