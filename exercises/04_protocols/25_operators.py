"""Exercise 25 · operators: a Vector that works with Python's own operators.

Write `Vector(*components)`, an immutable vector of numbers that plugs into
Python's operators and built-ins. The contract:

- ``v + w`` and ``v - w`` combine two vectors component by component; ``v * 2``
  and ``2 * v`` scale by an int or a float; ``v @ w`` is the dot product (a
  number). Vectors of different lengths raise ``ValueError``.
- Any other operand (``v + 1``, ``v * v``, ``v * "x"``, ``v + (1, 2)``): the
  operator returns ``NotImplemented``, so Python asks the other operand and
  raises ``TypeError`` only if it declines too.
- ``==`` compares components exactly, as numbers do (``1 == 1.0``); different
  lengths are unequal, and a tuple or a list never equals a Vector. ``hash``
  agrees with ``==``.
- ``repr(Vector(1, 2))`` is ``'Vector(1, 2)'``, so ``eval`` gives back an equal
  vector; ``bool`` is false for a zero vector and for ``Vector()``; ``abs`` is
  the Euclidean length; ``len`` and ``for`` see the components.
- Immutable: setting any attribute (``v.x = 5``) raises ``AttributeError``, no
  public attribute holds a mutable list, and ``v += w`` makes a new vector.

You know this from TypeScript/Go as... mostly nothing: TS has no operator
overloading (only `Symbol.toPrimitive` coercion) and Go has none at all, so
you would write `v.add(w)` and `v.equals(w)`. What carries over: a value type
whose methods return new values instead of mutating. The false friends: here
`==` is yours to define (JS `===` on objects is always identity), and because
equal objects must hash alike, defining `__eq__` quietly sets `__hash__` to
None; and an operator that cannot handle its operand must not throw, as a TS
`add()` would: it returns `NotImplemented`, Python then tries the other
operand's reflected method (`__radd__`, `__rmul__`, ...), and raises
`TypeError` itself only when both sides decline.
"""

from collections.abc import Iterator


class Vector:
    # TODO: how will you store the components so nobody can change them?
    #       (Think of __slots__ and of a tuple.)

    def __init__(self, *components: float) -> None:
        # TODO: keep the components.
        pass

    def __len__(self) -> int:
        raise NotImplementedError  # TODO

    def __iter__(self) -> Iterator[float]:
        raise NotImplementedError  # TODO

    def __repr__(self) -> str:
        raise NotImplementedError  # TODO: 'Vector(1, 2)'

    def __eq__(self, other: object) -> bool:
        # TODO: equal components, and only with another Vector; for anything
        #       else return NotImplemented.
        raise NotImplementedError

    def __add__(self, other: object) -> "Vector":
        # TODO: another Vector of the same length: add component by component.
        #       Same length check for __sub__ and __matmul__. Anything else:
        #       return NotImplemented (do not raise TypeError yourself).
        raise NotImplementedError

    def __sub__(self, other: object) -> "Vector":
        raise NotImplementedError  # TODO

    def __mul__(self, scalar: object) -> "Vector":
        raise NotImplementedError  # TODO: only an int or a float

    def __matmul__(self, other: object) -> float:
        raise NotImplementedError  # TODO: the dot product

    # TODO: still missing, each one a special method of its own: 2 * v (the
    #       number is on the left), hash(v), bool(v) and abs(v).
