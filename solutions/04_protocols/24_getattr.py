"""Exercise 24 · getattr: reference solution."""

from typing import Any, cast


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data  # a view: no copy, so later changes to data show through

    def __getattr__(self, name: str) -> Any:
        # Python calls this only after normal lookup failed, so methods such as
        # to_dict and the attribute _data itself never get here.
        if name.startswith("__") and name.endswith("__"):
            # copy and pickle probe for hooks like __deepcopy__ or __setstate__;
            # those are protocol questions, never configuration keys.
            raise AttributeError(name)
        # copy and pickle also build instances without calling __init__. Reading
        # self._data there would come back to __getattr__ forever, so read the
        # instance dictionary directly.
        data: dict[str, Any] = vars(self).get("_data", {})
        try:
            value = data[name]
        except KeyError:
            raise AttributeError(f"config has no key {name!r}") from None
        if isinstance(value, dict):
            # Nested sections are str-keyed dicts too; wrap them, do not copy them.
            return Config(cast(dict[str, Any], value))
        return value

    def to_dict(self) -> dict[str, Any]:
        """A new plain dict with the same keys and values (a shallow copy)."""
        return dict(self._data)


# Why this way: __getattr__ is the fallback hook. Python runs its normal lookup
# first (the instance dict, then the class with its methods and descriptors)
# and only asks __getattr__ about names it could not find, so to_dict stays a
# method even when the data has a "to_dict" key, and nothing slows down for
# ordinary attributes. __getattribute__ would run for *every* access, this
# object's own _data included. Raising AttributeError (never KeyError, never
# returning None) is what keeps hasattr, getattr with a default, copy and
# pickle working. Reading vars(self) instead of self._data avoids the classic
# recursion when copy or pickle build the object without __init__. This is the
# pattern behind attribute-style config objects such as OmegaConf's DictConfig
# or types.SimpleNamespace, and behind lazy proxies and module __getattr__.
