"""Stores the new radius first and validates afterwards, so a rejected value sticks."""

import math


class Circle:
    def __init__(self, radius: float) -> None:
        self.radius = radius  # through the setter, so Circle(-1) is rejected too

    @property
    def radius(self) -> float:
        return self._radius

    @radius.setter
    def radius(self, value: float) -> None:
        self._radius = value
        if value < 0:
            raise ValueError(f"radius must be >= 0, got {value!r}")

    @property
    def area(self) -> float:
        return math.pi * self._radius**2

    @property
    def diameter(self) -> float:
        return 2 * self._radius
