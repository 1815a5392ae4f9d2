"""to_dict() returns the very dict the Config reads from, so changing the result changes the config."""

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
            raise AttributeError(f"config has no key {name!r}") from None
        if isinstance(value, dict):
            return Config(cast(dict[str, Any], value))
        return value

    def to_dict(self) -> dict[str, Any]:
        return self._data
