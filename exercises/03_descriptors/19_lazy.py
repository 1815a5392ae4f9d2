"""Exercise 19 · lazy: compute once, then get out of the way; and attribute lookup by hand.

Part 1. Write `lazy`, a decorator for methods that turns one into an attribute
computed on first read, once per instance. The result goes into the instance's
``__dict__`` under the attribute's own name (the name it is assigned to, which
may differ from the function's), so later reads find it there and never reach
the descriptor again. That makes ``del obj.attr`` mean "compute again next
time" and ``obj.attr = value`` simply replace the value. On the class,
``Cls.attr`` is the lazy object itself. Write into ``__dict__`` directly (it
must work on a frozen dataclass too), and on a class whose instances have no
``__dict__`` (``__slots__``) raise a ``TypeError`` naming the class and the
attribute. You have just rebuilt ``functools.cached_property``.

Part 2. Write `lookup(obj, name)`, which finds ``obj.<name>`` as Python does,
without ``getattr``, ``hasattr``, ``obj.<name>`` or ``__getattribute__``:
walk ``type(obj).__mro__`` and each class's ``__dict__`` for the first entry
called ``name``; if its type defines ``__set__`` or ``__delete__`` it is a data
descriptor and wins: return its ``__get__(obj, type(obj))``. Otherwise the
instance ``__dict__`` wins (its values are returned as stored, never bound).
Otherwise the class entry: through its type's ``__get__`` if it has one (that
is how a function becomes a bound method), as it is if not. If all of that
fails with ``AttributeError`` (a property can raise one too), call the class's
``__getattr__(obj, name)`` if it has one; otherwise raise ``AttributeError``
naming the attribute. Special methods are looked up on the *type*, not on the
object.

You know this from TypeScript/Go as a memoized getter (``get area() { return
this._area ??= compute() }``) and the prototype chain. What carries over:
lookup walks an ordered chain of places. The false friends: Python's chain is
the MRO, not a single parent link (a diamond is searched C3-style, not
depth-first), and the instance is *not* always first: a data descriptor on the
class beats the instance's own value. That is why `lazy` must not define
``__set__``: it would become a data descriptor, and the cached value in
``__dict__`` would never win.
"""

from collections.abc import Callable
from typing import Any


class lazy[T]:
    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute

    def __set_name__(self, owner: type[object], name: str) -> None:
        # TODO: remember the attribute's own name (the cache key).
        pass

    # TODO: overload __get__ for `instance: None` (return the descriptor) and
    #       `instance: object` (return a T), as in exercise 18.
    def __get__(self, instance: object | None, owner: type[object] | None = None) -> Any:
        # TODO: on the class (instance is None), return self.
        # TODO: find the instance's __dict__ (TypeError naming the class and the
        #       attribute if it has none), compute once, store the result there
        #       under the attribute's name, and return it.
        # Right now this recomputes on every read, like a property:
        return self.compute(instance)

    # Do NOT add __set__ or __delete__: lazy must stay a non-data descriptor.


def lookup(obj: object, name: str) -> Any:
    # TODO: 1. the first class in type(obj).__mro__ whose __dict__ has `name`;
    #          if that entry's type has __set__ or __delete__, return its
    #          __get__(obj, type(obj)).
    # TODO: 2. else, if the instance has a __dict__ holding `name`, return that.
    # TODO: 3. else the class entry: bound through its type's __get__, if any.
    # TODO: 4. on AttributeError from 1-3, the class's __getattr__, if it has one;
    #          else raise AttributeError naming `name`.
    raise NotImplementedError("lookup")
