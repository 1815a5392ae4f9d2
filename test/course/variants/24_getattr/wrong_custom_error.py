"""Raises its own ConfigKeyError (derived from LookupError), which hasattr and getattr do not understand."""

from typing import Any, cast


class ConfigKeyError(LookupError):
    """Like a Go sentinel error: callers can test for it."""


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_data":
            raise AttributeError(name)
        try:
            value = self._data[name]
        except KeyError:
            raise ConfigKeyError(f"config has no key {name!r}") from None
        if isinstance(value, dict):
            return Config(cast(dict[str, Any], value))
        return value

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)
