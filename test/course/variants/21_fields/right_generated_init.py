"""__init_subclass__ writes a real keyword-only __init__ per model (as dataclasses does), so Python itself reports bad keywords."""

from typing import Any, ClassVar, Self, dataclass_transform, overload


class Field[T]:
    kind: ClassVar[type] = object

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Self: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> T: ...
    def __get__(self, obj: object | None, objtype: type | None = None) -> Self | T:
        if obj is None:
            return self
        return vars(obj)[self.name]

    def __set__(self, obj: object, value: T) -> None:
        if not isinstance(value, self.kind) or isinstance(value, bool):
            raise TypeError(f"{self.name}: expected {self.kind.__name__}, got {type(value).__name__}")
        self.check(value)
        vars(obj)[self.name] = value

    def check(self, value: T) -> None: ...


class String(Field[str]):
    kind = str

    def __init__(self, *, max_len: int) -> None:
        self.max_len = max_len

    def check(self, value: str) -> None:
        if len(value) > self.max_len:
            raise ValueError(f"{self.name}: at most {self.max_len} characters allowed")


class Integer(Field[int]):
    kind = int

    def __init__(self, *, min: int, max: int) -> None:
        self.min, self.max = min, max

    def check(self, value: int) -> None:
        if value not in range(self.min, self.max + 1):
            raise ValueError(f"{self.name}: must be in {self.min}..{self.max}")


@dataclass_transform(kw_only_default=True, field_specifiers=(String, Integer))
class Model:
    __field_names__: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = [name for name, value in vars(cls).items() if isinstance(value, Field)]
        inherited = [name for name in cls.__field_names__ if name not in own]
        cls.__field_names__ = (*inherited, *own)
        params = "".join(f", {name}" for name in cls.__field_names__)
        body = "".join(f"\n    self.{name} = {name}" for name in cls.__field_names__) or "\n    pass"
        namespace: dict[str, Any] = {}
        exec(f"def __init__(self, *{params}):{body}", namespace)
        namespace["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
        setattr(cls, "__init__", namespace["__init__"])

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__field_names__)})"


class User(Model):
    name: String = String(max_len=20)
    age: Integer = Integer(min=0, max=150)
