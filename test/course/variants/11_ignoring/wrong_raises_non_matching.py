"""Re-raises a non-matching exception wrapped in RuntimeError, like a Go fmt.Errorf wrap, instead of returning False."""

from types import TracebackType
from typing import Self


class Ignoring:
    def __init__(self, *exc_types: type[BaseException]) -> None:
        self.exc_types = exc_types
        self.ignored = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is None:
            return False
        if issubclass(exc_type, self.exc_types):
            self.ignored += 1
            return True
        raise RuntimeError(f"not ignored: {exc!r}") from exc
