"""Blocks __setattr__/__delattr__ instead of using __slots__; numbers.Real for scalars; __radd__ so sum() works."""

import math
from collections.abc import Iterator
from functools import reduce
from numbers import Real
from operator import add
from typing import Any, NoReturn


class Vector:
    def __init__(self, *components: float) -> None:
        object.__setattr__(self, "_values", tuple(components))

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f"Vector is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"Vector is immutable: cannot delete {name!r}")

    @property
    def values(self) -> tuple[float, ...]:
        return self._values

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[float]:
        yield from self._values

    def __repr__(self) -> str:
        return f"Vector{self._values!r}" if len(self) != 1 else f"Vector({self._values[0]!r})"

    def __eq__(self, other: object) -> bool:
        return self._values == other._values if isinstance(other, Vector) else NotImplemented

    def __hash__(self) -> int:
        return hash(("Vector", self._values))

    def __bool__(self) -> bool:
        return any(c != 0 for c in self._values)

    def __abs__(self) -> float:
        return math.sqrt(self @ self)

    def _check(self, other: "Vector") -> None:
        if len(self) != len(other):
            raise ValueError("length mismatch")

    def __add__(self, other: object) -> "Vector":
        if isinstance(other, Vector):
            self._check(other)
            return Vector(*map(add, self, other))
        return NotImplemented

    def __radd__(self, other: object) -> "Vector":
        # sum(vectors) starts from 0: let 0 + v be v.
        return self if other == 0 else NotImplemented

    def __sub__(self, other: object) -> "Vector":
        if isinstance(other, Vector):
            self._check(other)
            return Vector(*(a - b for a, b in zip(self, other)))
        return NotImplemented

    def __mul__(self, scalar: object) -> "Vector":
        if isinstance(scalar, Real):
            return Vector(*(c * scalar for c in self))
        return NotImplemented

    def __rmul__(self, scalar: object) -> "Vector":
        return self.__mul__(scalar)

    def __matmul__(self, other: object) -> float:
        if isinstance(other, Vector):
            self._check(other)
            return reduce(add, (a * b for a, b in zip(self, other)), 0)
        return NotImplemented
