"""Insists on a float (Go's float64 habit) and raises TypeError for an int radius."""

import math


class Circle:
    def __init__(self, radius: float) -> None:
        self.radius = radius

    @property
    def radius(self) -> float:
        return self._radius

    @radius.setter
    def radius(self, value: float) -> None:
        if not isinstance(value, float):
            raise TypeError(f"radius must be a float, got {type(value).__name__}")
        if value < 0:
            raise ValueError(f"radius must be >= 0, got {value!r}")
        self._radius = value

    @property
    def area(self) -> float:
        return math.pi * self._radius**2

    @property
    def diameter(self) -> float:
        return 2 * self._radius
