"""Uses __getattribute__ and answers from the data first, so a "to_dict" key hides the method."""

from typing import Any, cast


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattribute__(self, name: str) -> Any:
        data: dict[str, Any] = object.__getattribute__(self, "__dict__").get("_data", {})
        if name in data:
            value = data[name]
            if isinstance(value, dict):
                return Config(cast(dict[str, Any], value))
            return value
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            raise AttributeError(f"config has no key {name!r}") from None

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)
