"""area is a property, but its value is computed once in __init__ and goes stale."""

import math


class Circle:
    def __init__(self, radius: float) -> None:
        self.radius = radius
        self._area = math.pi * radius**2

    @property
    def radius(self) -> float:
        return self._radius

    @radius.setter
    def radius(self, value: float) -> None:
        if value < 0:
            raise ValueError(f"radius must be >= 0, got {value!r}")
        self._radius = value

    @property
    def area(self) -> float:
        return self._area

    @property
    def diameter(self) -> float:
        return 2 * self._radius
