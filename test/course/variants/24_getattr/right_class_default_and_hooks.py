"""A read-only class-level default for _data, plus explicit __deepcopy__, __getstate__ and __setstate__."""

import copy
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, cast


class Config:
    # An instance built without __init__ finds this empty mapping instead of recursing.
    _data: Mapping[str, Any] = MappingProxyType({})

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name not in self._data:
            raise AttributeError(f"Config has no key {name!r}")
        value = self._data[name]
        if isinstance(value, dict):
            return Config(cast(dict[str, Any], value))
        return value

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)

    def __deepcopy__(self, memo: dict[int, Any]) -> "Config":
        return Config(copy.deepcopy(dict(self._data), memo))

    def __getstate__(self) -> dict[str, Any]:
        return dict(self._data)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._data = state
