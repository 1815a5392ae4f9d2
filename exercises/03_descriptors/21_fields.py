"""Exercise 21 · fields: a mini Pydantic, built from descriptors.

Write two field descriptors, `String(max_len=...)` and `Integer(min=..., max=...)`,
and a base class `Model`. A model declares its fields as annotated class
attributes (`name: String = String(max_len=20)`, as `User` below does); then:

- every assignment, in `__init__` and afterwards, is checked: the wrong type is
  a `TypeError`, a value out of bounds a `ValueError`, and both messages name
  the field. `String` takes a `str` of at most `max_len` characters. `Integer`
  takes an `int` with `min <= value <= max` (both ends allowed) and rejects
  `bool`: `True` is an `int` to Python (and to pyright), not to this field;
- `__init__` is built from the declared fields and takes keywords only: a
  missing one is a `TypeError` saying it is missing and naming it (e.g.
  ``User() missing keyword argument 'age'``), an unknown one a `TypeError`
  naming it, and positional arguments a `TypeError`;
- `repr` lists the fields in declaration order: ``User(name='Ada', age=36)``;
- each model has its own fields: a subclass keeps its parent's and adds its own
  after them, and a sibling model sees none of them;
- reading `user.age` gives the value, reading `User.age` gives the descriptor;
- `Model` is marked with `typing.dataclass_transform`, so pyright checks
  ``User(name=..., age=...)`` (keywords, types, nothing missing) and knows that
  `user.age` is an `int`.

You know this from TypeScript/Go as class-validator decorators on a DTO
(`@MaxLength(20) name: string`) or Go struct tags (`validate:"max=20"`), read by
a library at run time. What carries over: the rules sit next to the field, and
one rule is written once and reused. The false friend: here the rule is a live
object on the class that intercepts every `user.age = ...` (no separate
`validate(user)` step), and the type checker does not see through that on its
own: `dataclass_transform` is the declaration that tells it "this base class
generates a dataclass-like `__init__`".
"""

from typing import Any, dataclass_transform


class String:
    """A `str` field of at most `max_len` characters."""

    def __init__(self, *, max_len: int) -> None:
        self.max_len = max_len

    def __set_name__(self, owner: type, name: str) -> None:
        # TODO: remember the attribute name: messages and storage need it.
        pass

    # TODO: overload __get__ (with typing.overload): on the class (obj is None)
    #       it returns the descriptor itself; on an instance it returns a str.
    def __get__(self, obj: object | None, objtype: type | None = None) -> Any:
        raise NotImplementedError("String.__get__")

    def __set__(self, obj: object, value: str) -> None:
        # TODO: check the type and the length, then store the value *per instance*.
        raise NotImplementedError("String.__set__")


class Integer:
    """An `int` field (never a `bool`) with `min <= value <= max`."""

    def __init__(self, *, min: int, max: int) -> None:
        self.min = min
        self.max = max

    def __set_name__(self, owner: type, name: str) -> None:
        # TODO: as in String.
        pass

    # TODO: overload __get__ as in String, returning an int on an instance.
    def __get__(self, obj: object | None, objtype: type | None = None) -> Any:
        raise NotImplementedError("Integer.__get__")

    def __set__(self, obj: object, value: int) -> None:
        # TODO: check the type (bool is not welcome) and the bounds, then store.
        raise NotImplementedError("Integer.__set__")


# TODO: mark Model with typing.dataclass_transform so type checkers treat its
#       subclasses like dataclasses (keyword-only, with String and Integer as
#       the things that declare a field).
class Model:
    # TODO: give every subclass its own ordered collection of fields, its
    #       parents' first (__init_subclass__, or __set_name__ on the fields).

    def __init__(self, **kwargs: Any) -> None:
        # TODO: reject unknown and missing keywords (TypeError naming them),
        #       then assign each field so that its descriptor validates it.
        pass

    def __repr__(self) -> str:
        # TODO: ClassName(field=value!r, ...) in declaration order.
        return super().__repr__()


class User(Model):
    """The model the type checks use: keep it as it is."""

    name: String = String(max_len=20)
    age: Integer = Integer(min=0, max=150)
