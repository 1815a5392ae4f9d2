"""Raises a bare AttributeError whose message does not say which key is missing."""

from typing import Any, cast


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            value = vars(self).get("_data", {})[name]
        except KeyError:
            raise AttributeError("no such config key") from None
        if isinstance(value, dict):
            return Config(cast(dict[str, Any], value))
        return value

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)
