"""Exercise 10 · timer: the context manager protocol, written by hand.

Write `Timer`, a class for `with` blocks. `__enter__` starts measuring and
returns the Timer itself, so `with Timer() as t:` binds it; `__exit__` stores
the seconds the block took in `t.elapsed` (a float), whether the block finished
or raised, and never swallows the exception. A Timer can be reused, and two
Timers can run at once (one nested in the other): each `with` measures only its
own block.

You know this from TypeScript/Go as `using t = new Timer()` with a
`[Symbol.dispose]()` method (TS 5.2), or as `start := time.Now();
defer func() { elapsed = time.Since(start) }()` in Go. What carries over: the
cleanup half runs when the scope ends, on success and on error alike. The false
friend: `__exit__` is handed the exception and its *return value* matters. A
truthy return silently swallows the error, which `Symbol.dispose` and `defer`
can never do by accident. And `as t` binds whatever `__enter__` returns, not the
object written after `with`; unlike a `using` binding, `t` outlives the block,
which is how you read `t.elapsed` afterwards.
"""

from types import TracebackType
from typing import Self


class Timer:
    elapsed: float

    def __enter__(self) -> Self:
        # TODO: note when the block starts. time.perf_counter() is the clock
        #       made for measuring durations.
        # TODO: return the object that `with Timer() as t` should bind to t.
        raise NotImplementedError("Timer.__enter__")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # TODO: set self.elapsed to the seconds since __enter__ ran. This must
        #       happen even when the block raised (exc is then not None).
        # TODO: let any exception carry on: do not return a truthy value.
        pass
