"""Exercise 11 · ignoring: reference solution."""

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
        if exc_type is not None and issubclass(exc_type, self.exc_types):
            self.ignored += 1
            return True
        return False


# Why this way: issubclass accepts a tuple of classes and walks the class
# hierarchy, so one call matches every chosen type and all their subclasses
# (`exc_type in self.exc_types` would miss subclasses). Checking for None first
# keeps a clean exit from being counted. Returning True is the whole trick: the
# with statement drops the exception; returning False lets Python re-raise it
# with its original traceback, so __exit__ never needs a `raise`.
# contextlib.suppress is this class minus the counter.
