"""Exercise 17 · property: reference solution."""

import math


class Circle:
    def __init__(self, radius: float) -> None:
        self.radius = radius  # through the setter, so Circle(-1) is rejected too

    @property
    def radius(self) -> float:
        return self._radius

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


# Why this way: `@property` builds a descriptor object and stores it in the
# class under the method's name, so `Circle.__dict__["radius"]` is a property
# whose __get__ calls the getter and whose __set__ calls the setter. Because it
# defines __set__ it is a *data* descriptor: it wins over the instance
# dictionary, which is why the value must live under another name (`_radius`)
# and why `self.radius = radius` in __init__ is validated like any other write.
# area and diameter have no setter, so property.__set__ raises AttributeError,
# and computing them on each read means they can never go stale. This is the
# attribute API of every well-behaved Python class: callers keep writing
# `c.radius = 3`, and you can add checks later without changing them.
