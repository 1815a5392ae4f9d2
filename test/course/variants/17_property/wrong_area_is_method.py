"""area is a Go-style method (c.area() with parentheses), not a property."""

import math


class Circle:
    def __init__(self, radius: float) -> None:
        self.radius = radius

    @property
    def radius(self) -> float:
        return self._radius

    @radius.setter
    def radius(self, value: float) -> None:
        if value < 0:
            raise ValueError(f"radius must be >= 0, got {value!r}")
        self._radius = value

    def area(self) -> float:
        return math.pi * self._radius**2

    @property
    def diameter(self) -> float:
        return 2 * self._radius
