"""dataclass_transform without kw_only_default=True: pyright accepts positional arguments the runtime rejects."""

from collections.abc import Mapping
from typing import Any, ClassVar, Self, dataclass_transform, overload


class Field[T]:
    """What every field shares: its name, per-instance storage, and checking on set."""

    def __init__(self) -> None:
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Self: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> T: ...
    def __get__(self, obj: object | None, objtype: type | None = None) -> Self | T:
        if obj is None:
            return self  # User.age: the descriptor itself, for introspection
        try:
            return obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(f"{type(obj).__name__!r} object has no value for field {self.name!r}") from None

    def __set__(self, obj: object, value: T) -> None:
        # Every assignment, in __init__ or later, passes through here.
        self.validate(value)
        # The value lives in the *instance's* dict, under the field's own name:
        # one descriptor serves every instance, so it must not keep values itself.
        obj.__dict__[self.name] = value

    def validate(self, value: object) -> None:
        raise NotImplementedError


class String(Field[str]):
    """A `str` of at most `max_len` characters."""

    def __init__(self, *, max_len: int) -> None:
        super().__init__()
        self.max_len = max_len

    def validate(self, value: object) -> None:
        if not isinstance(value, str):
            raise TypeError(f"{self.name} must be a str, not {type(value).__name__}")
        if len(value) > self.max_len:
            raise ValueError(f"{self.name} must be at most {self.max_len} characters, got {len(value)}")


class Integer(Field[int]):
    """An `int` (never a `bool`) with `min <= value <= max`."""

    def __init__(self, *, min: int, max: int) -> None:
        super().__init__()
        self.min = min
        self.max = max

    def validate(self, value: object) -> None:
        # bool is a subclass of int in Python (True == 1); a field for numbers
        # should not quietly accept a flag, so it is rejected by name.
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{self.name} must be an int, not {type(value).__name__}")
        if not self.min <= value <= self.max:
            raise ValueError(f"{self.name} must be between {self.min} and {self.max}, got {value}")


@dataclass_transform(field_specifiers=(String, Integer))
class Model:
    """Base class: declared fields become keyword-only `__init__` parameters and the `repr`."""

    # Set on every subclass by __init_subclass__, so no two models share one.
    _fields: ClassVar[Mapping[str, Field[Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, Field[Any]] = {}
        # Base classes first, so inherited fields come before the new ones; a
        # class namespace keeps definition order, so each part is in order too.
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, Field):
                    fields[name] = value
        cls._fields = fields

    def __init__(self, **kwargs: Any) -> None:
        fields = type(self)._fields
        for name in kwargs:
            if name not in fields:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {name!r}")
        for name in fields:
            if name not in kwargs:
                raise TypeError(f"{type(self).__name__}() missing keyword argument {name!r}")
            setattr(self, name, kwargs[name])  # through the descriptor, so it is validated

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self)._fields)
        return f"{type(self).__name__}({shown})"


class User(Model):
    name: String = String(max_len=20)
    age: Integer = Integer(min=0, max=150)

