"""Uses .get() and treats a None value as a missing key, so a key whose value is None raises."""

from typing import Any, cast


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = vars(self).get("_data", {}).get(name)
        if value is None:
            raise AttributeError(f"config has no key {name!r}")
        if isinstance(value, dict):
            return Config(cast(dict[str, Any], value))
        return value

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)
