"""Returns nested dicts raw, so cfg.database.url fails."""

from typing import Any, cast


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return vars(self).get("_data", {})[name]
        except KeyError:
            raise AttributeError(f"config has no key {name!r}") from None

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)
