"""Exercise 13 · exit_stack: as many resources as you like, unwound in order.

Write `open_all(paths, opener=open)`, a context manager that opens every path
with `opener(path)` and binds the list of open resources (in path order) to
`as`. `opener` may return any context manager, not only an object with
`close()`: the list holds what each one's `__enter__` returned. When the
block ends, or raises, every resource is exited (closed), newest first. If
opening one fails, the ones already open are closed (newest first) and the
error propagates. Then write `merge(paths, out)`, which writes the text of
every file in `paths`, in order and with nothing added between them, into the
file `out`, replacing whatever `out` held. Use `contextlib.ExitStack`.

You know this from TypeScript/Go as TS 5.2's `DisposableStack` (`stack.use(r)`
in a loop, disposed in reverse; leave `stack.defer(() => r.close())` behind,
since not every context manager has `close()`), or `defer f.Close()` inside a
Go loop. What carries over: cleanups pile up as you go and run last-in,
first-out. The false friend: Go's defers wait for the whole *function* to
return; an ExitStack unwinds when its own `with` block ends. And
`[opener(p) for p in paths]` followed by "now make them context managers" is
too late: if the third open fails, the first two are already open and nothing
is holding them.
"""

from collections.abc import Callable, Generator, Iterable
from contextlib import AbstractContextManager, ExitStack, contextmanager


@contextmanager
def open_all[T](
    paths: Iterable[str],
    opener: Callable[[str], AbstractContextManager[T]] = open,
) -> Generator[list[T]]:
    # TODO: make an ExitStack and hand each resource to it the moment it is
    #       opened (stack.enter_context(opener(path))), so a later failure can
    #       still close it.
    # TODO: yield the list of resources from *inside* the stack's with block,
    #       so they stay open while the caller's block runs.
    yield []


def merge(paths: Iterable[str], out: str) -> None:
    # TODO: open every input (open_all can do that), open `out` for writing,
    #       and write each input's text into it, in order. Name the encoding
    #       (encoding="utf-8") rather than trusting the machine's locale.
    raise NotImplementedError("merge")
