"""A frozen dataclass holding a public tuple field; the generated __eq__ and __hash__ do the rest."""

import math
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, init=False, repr=False)
class Vector:
    components: tuple[float, ...]

    def __init__(self, *components: float) -> None:
        # A frozen dataclass blocks setattr, even in __init__: go around it once.
        object.__setattr__(self, "components", components)

    def __len__(self) -> int:
        return len(self.components)

    def __iter__(self) -> Iterator[float]:
        return iter(self.components)

    def __repr__(self) -> str:
        return "Vector(" + ", ".join(repr(c) for c in self.components) + ")"

    def __abs__(self) -> float:
        return math.sqrt(sum(c * c for c in self.components))

    def __bool__(self) -> bool:
        return abs(self) != 0

    def __add__(self, other: object) -> "Vector":
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a + b for a, b in zip(self.components, other.components, strict=True)))

    def __sub__(self, other: object) -> "Vector":
        if not isinstance(other, Vector):
            return NotImplemented
        return Vector(*(a - b for a, b in zip(self.components, other.components, strict=True)))

    def __mul__(self, scalar: object) -> "Vector":
        if isinstance(scalar, int | float):
            return Vector(*(c * scalar for c in self.components))
        return NotImplemented

    __rmul__ = __mul__

    def __matmul__(self, other: object) -> float:
        if not isinstance(other, Vector):
            return NotImplemented
        if len(self) != len(other):
            raise ValueError(f"cannot combine vectors of lengths {len(self)} and {len(other)}")
        return math.sumprod(self.components, other.components)
