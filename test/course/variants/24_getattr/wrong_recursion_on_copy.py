"""__getattr__ reads self._data, which recurses forever on the instances copy and pickle build without __init__."""

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
