"""Exercise 11 · ignoring: a context manager that swallows chosen errors.

Write `Ignoring(*exc_types)`. In `with Ignoring(KeyError, TimeoutError) as ig:`
an exception of one of those types (or of a subclass) ends the block quietly and
execution carries on after it; any other exception propagates untouched.
Any exception class may be chosen, even a `BaseException` such as
`KeyboardInterrupt`. `ig.ignored` counts the exceptions this instance has
swallowed so far: it starts at 0, and a reused instance keeps counting.

You know this from TypeScript/Go as `try { … } catch (e) { if (!(e instanceof
NotFound)) throw e }`, or as Go's `if errors.Is(err, ErrNotFound) { err = nil }`.
What carries over: matching by class includes subclasses, just like
`instanceof`. The false friend: nothing is "caught" here. `__exit__` is told
about the exception and says whether to drop it by returning True; return
anything falsy and Python re-raises it for you, so never `raise` it yourself.
Nor is this Go's `recover()`, which stops only panics, works only inside a
deferred call and never looks at the type of what it stops: `__exit__` sees
every exception, with its type, and picks which ones to drop. What the two
share: neither resumes the block. Suppression skips the rest of the block and
execution continues after the `with`.
"""

from types import TracebackType
from typing import Self


class Ignoring:
    def __init__(self, *exc_types: type[BaseException]) -> None:
        # TODO: remember which exception types to swallow.
        self.ignored = 0

    def __enter__(self) -> Self:
        # TODO: return the object that `as ig` should bind to ig.
        raise NotImplementedError("Ignoring.__enter__")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        # TODO: return True only when the block raised an exception of one of the
        #       chosen types or a subclass of one (count it first). Otherwise
        #       return False, also when the block did not raise at all.
        return False
