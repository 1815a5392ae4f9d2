"""Forgets the reflected __rmul__, so v * 2 works but 2 * v raises TypeError."""

import math
from collections.abc import Iterator


class Vector:
    """An immutable vector of numbers: `Vector(1, 2) + Vector(3, 4) == Vector(4, 6)`."""

    # No __dict__: `v.anything = ...` raises AttributeError, and the only state
    # is a tuple, which nobody can change in place.
    __slots__ = ("_components",)
    _components: tuple[float, ...]

    def __init__(self, *components: float) -> None:
        self._components = components

    # -- the container side: len, iteration, repr, bool, abs --------------------

    def __len__(self) -> int:
        return len(self._components)

    def __iter__(self) -> Iterator[float]:
        return iter(self._components)

    def __repr__(self) -> str:
        # repr() of each component, so eval(repr(v)) == v for ints and floats.
        return f"{type(self).__name__}({', '.join(map(repr, self._components))})"

    def __abs__(self) -> float:
        return math.hypot(*self._components)

    def __bool__(self) -> bool:
        # Without this, bool() would fall back to __len__: Vector(0, 0) is true.
        return any(self._components)

    # -- equality and hashing --------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Vector):
            return NotImplemented  # let the other operand decide; finally False
        return self._components == other._components

    def __hash__(self) -> int:
        # Equal vectors hash alike: Vector(1, 2) and Vector(1.0, 2.0) compare
        # equal and so do their tuples' hashes, as hash(1) == hash(1.0).
        return hash(self._components)

    # -- arithmetic --------------------------------------------------------------

    def _pairs(self, other: "Vector") -> Iterator[tuple[float, float]]:
        if len(self) != len(other):
            raise ValueError(f"vectors of different lengths: {len(self)} and {len(other)}")
        return zip(self._components, other._components)

    # `other: object`, because at run time anything can arrive here; returning
    # NotImplemented is how a method says "not mine: ask the other operand".
    def __add__(self, other: object) -> "Vector":
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a + b for a, b in self._pairs(other)))

    def __sub__(self, other: object) -> "Vector":
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a - b for a, b in self._pairs(other)))

    def __mul__(self, scalar: object) -> "Vector":
        if not isinstance(scalar, int | float):
            return NotImplemented
        return Vector(*(component * scalar for component in self._components))

    def __matmul__(self, other: object) -> float:
        if not isinstance(other, Vector):
            return NotImplemented
        return sum(a * b for a, b in self._pairs(other))

