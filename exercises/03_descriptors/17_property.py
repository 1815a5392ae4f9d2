"""Exercise 17 · property: validated and computed attributes, and what `@property` really is.

Finish `Circle(radius)`. `radius` is a property: reading it gives the radius,
and assigning a negative number raises ``ValueError`` (whose message includes
the rejected value) and leaves the circle as it was. Zero is a valid radius,
and ints and floats are both fine. ``Circle(-1)`` must raise too, so
``__init__`` has to go through the same check. ``area`` (math.pi * r**2) and
``diameter`` (2 * r) are read-only properties computed from the current
radius, so they follow every change; assigning to either raises
``AttributeError``. All three are ``property`` objects in the class:
``Circle.__dict__["area"]`` is a ``property``, the descriptor that runs your
getter on every read. (Exercise 18 writes that kind of object by hand.)

You know this from TypeScript/Go as TS ``get area()`` / ``set radius(v)``
accessors, or Go's ``c.Area()`` and ``c.SetRadius(r)`` methods. What carries
over: callers write ``c.radius = 3`` and ``c.area`` with no parentheses, and
your code runs on every read and write; and, as with a TS setter,
``self.radius = ...`` inside the setter calls the setter again (forever), so
the value lives under another name such as ``self._radius``. The false
friends: getter and setter are not paired by name, since ``@radius.setter``
returns a new property that keeps the getter, so its ``def`` must reuse the
name ``radius``; an assignment to a property with no setter is no compile
error but an ``AttributeError`` at run time; and a Go-style method
``def area(self)`` would make ``c.area`` a bound method, not a number.
"""

import math


class Circle:
    def __init__(self, radius: float) -> None:
        # TODO: assign through the property (self.radius = radius) so the
        #       setter checks this value too.
        self._radius = radius

    # TODO: turn `radius` into a property: a getter that returns the stored
    #       value, and a setter (@radius.setter) that raises ValueError for a
    #       negative value, naming it, and otherwise stores it.
    def radius(self) -> float:
        return self._radius

    # TODO: a read-only property computed from the current radius.
    def area(self) -> float:
        return math.pi * self._radius**2

    # TODO: a read-only property: twice the current radius, with no setter.
    def diameter(self) -> float:
        return 2 * self._radius
