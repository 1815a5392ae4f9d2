"""__slots__ storage that normalises to float, with the getters reading the public property."""

import math


class Circle:
    __slots__ = ("_r",)

    def __init__(self, radius: float) -> None:
        self.radius = radius

    @property
    def radius(self) -> float:
        """The radius; assigning a negative number raises ValueError."""
        return self._r

    @radius.setter
    def radius(self, value: float) -> None:
        if not value >= 0:
            raise ValueError(f"{value} is negative; a radius must be zero or more")
        self._r = float(value)

    @property
    def area(self) -> float:
        return math.pi * self.radius * self.radius

    @property
    def diameter(self) -> float:
        return self.radius + self.radius
