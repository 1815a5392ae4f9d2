"""The radius getter returns self.radius (JS-style same-name backing), which recurses."""

import math


class Circle:
    def __init__(self, radius: float) -> None:
        self.radius = radius  # through the setter, so Circle(-1) is rejected too

    @property
    def radius(self) -> float:
        return self.radius

    @radius.setter
    def radius(self, value: float) -> None:
        if value < 0:
            raise ValueError(f"radius must be >= 0, got {value!r}")
        self._radius = value  # a different name: self.radius here would call this setter again

    @property
    def area(self) -> float:
        return math.pi * self._radius**2

    @property
    def diameter(self) -> float:
        return 2 * self._radius
