"""Exercise 09 · class decorators: a decorator can take a class, too.

Make `Point` an immutable value type with `@dataclass(frozen=True, slots=True)`,
which writes `__init__`, `__repr__`, `__eq__` and `__hash__` for you. Then
write `singleton(cls)`, a class decorator whose result always hands back the
same single instance, and put it on `Settings`.

What is expected:
- Points with equal coordinates are equal and hash alike, but never equal a
  plain tuple. Assigning to a coordinate raises `FrozenInstanceError`, a Point
  has no per-instance `__dict__`, and `dataclasses.replace` makes changed copies.
- The first call of a singleton class builds the instance from its arguments.
  Every later call returns that very object, whatever the arguments, without
  running `__init__` again, even when that instance is falsy (say, an empty
  container). Nothing is built at decoration time, each decorated class has
  its own instance, and the result keeps the class's name and docstring.

You know this from TypeScript/Go as TS class decorators (`@Injectable() class
Api {}`), which get the constructor and may return a replacement, and as Go
structs, which `==` compares field by field. What carries over: `@d` above
`class C` means `C = d(C)`, run once when the class is defined. The false
friends: a plain Python class compares by identity until `@dataclass` writes
`__eq__`, and a class decorator may return something that is not a class at
all. If `singleton` returns a function, `Settings` *is* that function, and
`isinstance(obj, Settings)` raises TypeError.
"""

from collections.abc import Callable


# TODO: make Point a frozen dataclass with slots.
class Point:
    """A point in the plane."""

    x: float
    y: float


def singleton[**P, T](cls: Callable[P, T]) -> Callable[P, T]:
    """Class decorator: every call returns the one instance of cls."""
    # TODO: return a callable that builds cls(*args, **kwargs) on its first
    #       call, remembers it, and returns that same object on every later
    #       call (even if that object is falsy). Give it the parameters
    #       *args: P.args, **kwargs: P.kwargs so cls's signature survives, and
    #       copy cls's name and docstring onto it.
    return cls


# TODO: make Settings a singleton.
class Settings:
    """Process-wide settings, built once from the environment name."""

    def __init__(self, env: str = "dev") -> None:
        self.env = env
        self.debug = env == "dev"
        self.feature_flags: set[str] = set()
