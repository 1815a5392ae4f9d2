"""property() called as a function, storing the value in the instance __dict__ under "radius"."""

import math


class Circle:
    def __init__(self, radius: float) -> None:
        self.radius = radius

    def _get_radius(self) -> float:
        # The property is a data descriptor, so it still wins over this
        # same-named key in the instance dictionary on every read and write.
        return self.__dict__["radius"]

    def _set_radius(self, value: float) -> None:
        if value < 0:
            raise ValueError(f"a circle cannot have the negative radius {value}")
        self.__dict__["radius"] = value

    radius = property(_get_radius, _set_radius, doc="The radius; never negative.")
    area = property(lambda self: math.pi * self.radius**2, doc="pi * r**2, from the current radius.")
    diameter = property(lambda self: self.radius * 2, doc="Twice the current radius.")
