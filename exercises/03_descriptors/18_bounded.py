"""Exercise 18 · bounded: one validated field, reused on many attributes.

Write `Bounded`, a descriptor that keeps a value between ``min`` and ``max``
(both inclusive; both keyword-only). Each instance of the owning class has its
own value; assigning one outside the bounds raises ``ValueError`` whose message
names the field and both bounds, and leaves the old value in place; reading a
field that was never set raises ``AttributeError`` naming the field;
``Server.port`` (on the class) returns the descriptor itself. It must also be
typed: pyright, which the suite runs over this file, must see
``Server(80, 4).port`` as ``int``, ``Server.port`` as ``Bounded[int]``,
``Bounded(min=0.5, max=2.5)`` as ``Bounded[float]``, and must reject
``server.port = "80"`` and bounds that cannot be compared with ``<=``. It must
find no errors in this file either.

You know this from TypeScript/Go as ``Object.defineProperty`` with a ``get``
and ``set`` pair, or Kotlin's ``by`` delegates; Go has no equivalent and would
call a ``SetPort`` method. What carries over: the descriptor's ``__get__`` and
``__set__`` run on every ``server.port`` read and write. The false friend:
there is ONE Bounded object per field, stored on the class and shared by every
Server, so ``self`` in ``__set__`` is the descriptor, not the server. A value
kept on ``self`` is shared by all servers; it belongs on ``instance``. And the
descriptor does not know its own name until Python calls ``__set_name__``.
"""

from typing import Protocol, Self


class Comparable(Protocol):
    """Anything that can be ordered against its own kind: int, float, str, date..."""

    def __lt__(self, other: Self, /) -> bool: ...
    def __le__(self, other: Self, /) -> bool: ...
    def __gt__(self, other: Self, /) -> bool: ...
    def __ge__(self, other: Self, /) -> bool: ...


# TODO: bound T (PEP 695: `class Bounded[T: SomeBound]`) so that pyright lets
#       you compare two T values with <=, and rejects bounds that can't be.
class Bounded[T]:
    name: str

    def __init__(self, *, min: T, max: T) -> None:
        self.min = min
        self.max = max

    def __set_name__(self, owner: type[object], name: str) -> None:
        # TODO: remember the attribute name this descriptor was assigned to.
        pass

    # TODO: add two @typing.overload signatures above this one: one for
    #       `instance: None` (access on the class) returning the descriptor,
    #       one for `instance: object` returning a T.
    def __get__(self, instance: object | None, owner: type[object] | None = None) -> Self | T:
        # TODO: on the class (instance is None), return the descriptor itself.
        # TODO: otherwise return this field's value for *this* instance, or
        #       raise AttributeError naming the field if it was never set.
        raise NotImplementedError("Bounded.__get__")

    def __set__(self, instance: object, value: T) -> None:
        # TODO: check min <= value <= max, or raise ValueError naming the field
        #       and both bounds; then store the value for *this* instance only.
        raise NotImplementedError("Bounded.__set__")


class Server:
    # The annotations declare each field's type once. Without them, pyright
    # would also count `self.port = port` below as a possible value of the
    # class attribute, and Server.port would look like `Bounded[int] | int`.
    port: Bounded[int] = Bounded(min=1, max=65535)
    workers: Bounded[int] = Bounded(min=1, max=256)

    def __init__(self, port: int, workers: int) -> None:
        # These assignments go through Bounded.__set__, so they are validated.
        self.port = port
        self.workers = workers
