"""__getattribute__ that runs the normal lookup first and falls back to the data only when it fails."""

from typing import Any, cast


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattribute__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            if name.startswith("_"):
                raise
        data: dict[str, Any] = object.__getattribute__(self, "_data")
        if name not in data:
            raise AttributeError(f"{type(self).__name__} has no key {name!r}")
        value = data[name]
        if isinstance(value, dict):
            return Config(cast(dict[str, Any], value))
        return value

    def to_dict(self) -> dict[str, Any]:
        return {**self._data}
