"""Two independent descriptor classes that register themselves in __set_name__, storing values as private attributes."""

from typing import Any, ClassVar, Self, dataclass_transform, overload


def _register(owner: type, name: str, field: object) -> None:
    # Each class gets its own dict the first time one of its fields is named,
    # starting from a copy of what it inherited, so parents' fields come first.
    if "_model_fields" not in vars(owner):
        setattr(owner, "_model_fields", dict(getattr(owner, "_model_fields", {})))
    registry: dict[str, object] = getattr(owner, "_model_fields")
    registry[name] = field


class String:
    def __init__(self, *, max_len: int) -> None:
        self.max_len = max_len
        self.name = ""
        self.private = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name, self.private = name, f"_{name}"
        _register(owner, name, self)

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Self: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> str: ...
    def __get__(self, obj: object | None, objtype: type | None = None) -> Self | str:
        if obj is None:
            return self
        return getattr(obj, self.private)

    def __set__(self, obj: object, value: str) -> None:
        if type(value) is not str:
            raise TypeError(f"field {self.name}: expected str, got {value!r}")
        if len(value) > self.max_len:
            raise ValueError(f"field {self.name}: longer than {self.max_len} characters")
        setattr(obj, self.private, value)


class Integer:
    def __init__(self, *, min: int, max: int) -> None:
        self.min, self.max = min, max
        self.name = ""
        self.private = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name, self.private = name, f"_{name}"
        _register(owner, name, self)

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Self: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> int: ...
    def __get__(self, obj: object | None, objtype: type | None = None) -> Self | int:
        if obj is None:
            return self
        return getattr(obj, self.private)

    def __set__(self, obj: object, value: int) -> None:
        if type(value) is not int:
            raise TypeError(f"field {self.name}: expected int, got {value!r}")
        if value < self.min or value > self.max:
            raise ValueError(f"field {self.name}: {value} is not in [{self.min}, {self.max}]")
        setattr(obj, self.private, value)


@dataclass_transform(kw_only_default=True, field_specifiers=(String, Integer))
class Model:
    _model_fields: ClassVar[dict[str, object]] = {}

    def __init__(self, **kwargs: Any) -> None:
        fields = type(self)._model_fields
        unknown = [name for name in kwargs if name not in fields]
        if unknown:
            raise TypeError(f"unknown field(s): {', '.join(unknown)}")
        missing = [name for name in fields if name not in kwargs]
        if missing:
            raise TypeError(f"missing field(s): {', '.join(missing)}")
        for name in fields:
            setattr(self, name, kwargs[name])

    def __repr__(self) -> str:
        parts = [f"{name}={getattr(self, name)!r}" for name in type(self)._model_fields]
        return f"{type(self).__name__}({', '.join(parts)})"


class User(Model):
    name: String = String(max_len=20)
    age: Integer = Integer(min=0, max=150)
