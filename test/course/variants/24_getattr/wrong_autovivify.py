"""A missing key returns an empty Config (like JS optional chaining), so hasattr is always True and deepcopy breaks."""

from typing import Any, cast


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        data: dict[str, Any] = vars(self).get("_data", {})
        value = data.get(name, {})  # cfg.a.b.c never crashes
        if isinstance(value, dict):
            return Config(cast(dict[str, Any], value))
        return value

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)
