"""Exercise 29 · protocol: interfaces by shape, checked before and at run time.

Make `SupportsClose` (anything with `close() -> None`) and `Readable` (anything
with `read(n: int = -1) -> bytes`) into `typing.Protocol`s, and mark `Readable`
`@runtime_checkable` so `isinstance(x, Readable)` works. Then write
`close_all(items)`: it calls `close()` on every item in order, even after one
raises, and afterwards raises one `ExceptionGroup` holding every `Exception`
that was raised, in order (a single failure too; any message; nothing failed,
nothing raised). Something that is not an `Exception`, such as
`KeyboardInterrupt`, is not collected: it propagates as it is. The suite runs
pyright over this file and a snippet: a class that has the right methods must
be accepted without inheriting from anything, and one with a different
signature rejected.

You know this from TypeScript/Go as an `interface`: structural, satisfied by
any value of the right shape, with no `implements` needed (Go never has one).
What carries over: the type checker compares method signatures, not class
names. The false friends: those checks happen only in pyright (Python itself
ignores annotations), and the run-time `isinstance` of a runtime-checkable
protocol only asks "is there an attribute called `read`?", never what it takes
or returns, much like a TS type guard that tests `"read" in x`. And unlike TS,
a parameter's name is part of a Python signature, because callers may pass it
by keyword.
"""

from collections.abc import Iterable


# TODO: make this a typing.Protocol (keep the method; its body stays `...`).
class SupportsClose:
    def close(self) -> None: ...


# TODO: make this a typing.Protocol that isinstance() can check at run time.
class Readable:
    def read(self, n: int = -1) -> bytes: ...


def close_all(items: Iterable[SupportsClose]) -> None:
    # TODO: keep going when a close() raises an Exception: collect the errors.
    # TODO: when anything failed, raise an ExceptionGroup of the collected errors.
    for item in items:
        item.close()
