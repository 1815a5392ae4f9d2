"""Keeps the radius in a class attribute (like a TS static field), so all circles share it."""

import math


class Circle:
    _radius: float = 0

    def __init__(self, radius: float) -> None:
        self.radius = radius

    @property
    def radius(self) -> float:
        return Circle._radius

    @radius.setter
    def radius(self, value: float) -> None:
        if value < 0:
            raise ValueError(f"radius must be >= 0, got {value!r}")
        Circle._radius = value

    @property
    def area(self) -> float:
        return math.pi * self.radius**2

    @property
    def diameter(self) -> float:
        return 2 * self.radius
