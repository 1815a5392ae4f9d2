"""__slots__ storage, read in __getattr__ through object.__getattribute__, with a Mapping check for nesting."""

from collections.abc import Mapping
from typing import Any


class Config:
    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        # Raises AttributeError itself (no recursion) when __init__ never ran.
        data: dict[str, Any] = object.__getattribute__(self, "_data")
        if name not in data:
            raise AttributeError(f"missing config key: {name}")
        value = data[name]
        return Config(value) if isinstance(value, Mapping) else value  # pyright: ignore[reportUnknownArgumentType]

    def to_dict(self) -> dict[str, Any]:
        return self._data.copy()
