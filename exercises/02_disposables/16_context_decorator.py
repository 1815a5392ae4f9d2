"""Exercise 16 · context_decorator: one timer for blocks and for functions.

Write `timed_block(label)`, which times a piece of code and prints
`<label> took <ms>ms` when that code ends, even if it raised. It must work as
`with timed_block("load"):` around a block, and as `@timed_block("load")`
above a function, where every call is timed on its own, even when the
function calls itself and several calls are running at once.

You know this from TypeScript/Go as the same helper written twice: a
`using t = timer("load")` disposable for blocks and a wrapping higher-order
function for whole functions. In Go, `defer timer("load")()` times a whole
function, but `defer` is scoped to the function, not the block: timing a block
means wrapping it in a function literal, `func() { defer timer("x")(); … }()`.
What carries over: "run this before and after" is one idea, so it should be
one piece of code. The false friend: in Python you do not write the wrapper.
`contextlib.ContextDecorator` turns any context manager into a decorator that
runs each call inside a `with` (and keeps the function's metadata), and the
objects `@contextmanager` makes already are ContextDecorators.
"""

import time  # noqa: F401 - you will need it
from contextlib import ContextDecorator
from types import TracebackType
from typing import Self


class timed_block(ContextDecorator):
    """Time a block (`with timed_block(label):`) or every call of a function (`@timed_block(label)`).

    When the block or call ends, normally or by an exception, print
    `<label> took <ms>ms` (the milliseconds as a number, any precision, e.g.
    `load took 12.5ms`). Nothing is printed before that, and exceptions are
    never swallowed. A lowercase class name is fine here: it is used like a
    function, as contextlib's own `suppress` and `closing` are.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        # TODO: the decorator uses this one object for every call, and a
        #       recursive function enters it again before the outer call has
        #       exited. Where can each use keep its own start time?

    def __enter__(self) -> Self:
        # TODO: note when the block starts (time.perf_counter()).
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # TODO: print "<label> took <ms>ms". This runs on errors too; return
        #       nothing truthy so the error carries on.
        # TODO: nothing to write for the decorator use: read what
        #       ContextDecorator.__call__ does for you.
        pass
