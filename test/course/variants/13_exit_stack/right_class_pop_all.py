"""A class-based open_all that fills an ExitStack in __enter__ and keeps it with pop_all()."""

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack
from types import TracebackType


class open_all[T]:
    def __init__(
        self,
        paths: Iterable[str],
        opener: Callable[[str], AbstractContextManager[T]] = open,
    ) -> None:
        self._paths = paths
        self._opener = opener
        self._stack = ExitStack()

    def __enter__(self) -> list[T]:
        with ExitStack() as stack:
            resources = [stack.enter_context(self._opener(path)) for path in self._paths]
            # Nothing failed: keep everything open by moving it to a stack we own.
            self._stack = stack.pop_all()
        return resources

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        return self._stack.__exit__(exc_type, exc, tb)


def merge(paths: Iterable[str], out: str) -> None:
    with ExitStack() as stack:
        target = stack.enter_context(open(out, "w"))
        for path in paths:
            source = stack.enter_context(open(path))
            target.write(source.read())
