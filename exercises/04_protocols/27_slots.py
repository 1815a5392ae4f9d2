"""Exercise 27 · slots: fixed fields instead of a dict, and a measurement to prove it.

Give `SlotPoint` `__slots__`, so its instances have no `__dict__` and assigning
a misspelt attribute (`p.z = 3`) raises AttributeError; `DictPoint` stays an
ordinary class. Make `SlotPoint3D(x, y, z)` a subclass that keeps that
guarantee. Then write `bytes_per_instance(cls, n)`: with `tracemalloc`, how many
bytes one instance costs, measured over `n` instances made by calling `cls()`
with no arguments and kept alive together; the list holding them is not part of
the answer. If tracing was already on, leave it on; if you started it, stop it.

You know this from TypeScript/Go as the difference between a Go struct, whose
fields are fixed at compile time, and a JS object, which is a bag you can add
keys to at any moment. What carries over: a slotted instance is laid out like a
struct, so it is smaller and typos fail loudly. The false friends: `__slots__`
belongs to one class, not to its subclasses (a subclass without its own
`__slots__` gets a dict back, unlike Go's embedding); and `sys.getsizeof` is
shallow, like Go's `unsafe.Sizeof`: it leaves out the dict an ordinary
instance points to, so measure with `tracemalloc` instead of guessing.
"""

import tracemalloc
from collections.abc import Callable


class SlotPoint:
    # TODO: declare the fields x and y in __slots__ (a tuple of names).

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y


class DictPoint:
    """The ordinary class to compare with: every instance has its own __dict__."""

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y


class SlotPoint3D(SlotPoint):
    # TODO: keep the no-__dict__ guarantee here too: declare only the new field.

    def __init__(self, x: float, y: float, z: float) -> None:
        super().__init__(x, y)
        self.z = z


def bytes_per_instance(cls: Callable[[], object], n: int = 10_000) -> float:
    # TODO: start tracemalloc unless it is already tracing.
    # TODO: read tracemalloc.get_traced_memory() before and after making n
    #       instances with cls(), keeping every one of them alive until the
    #       second reading, and without counting the list that holds them.
    # TODO: stop tracing only if you started it, and return the growth per instance.
    raise NotImplementedError("bytes_per_instance")
