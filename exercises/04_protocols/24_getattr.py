"""Exercise 24 · getattr: a config object you read with dots.

Write `Config(data)`, where `data` is a dict as parsed from JSON or TOML.
`cfg.key` reads `data["key"]`; a nested dict comes back wrapped in a `Config`,
so `cfg.database.host` works; every other value (lists included, even lists of
dicts) comes back as it is, the very same object. A missing key raises
`AttributeError` naming the key, so `hasattr(cfg, "key")` and
`getattr(cfg, "key", default)` work. `Config` keeps the dict it was given
rather than copying it, so later changes to that dict show through.
`to_dict()` returns a new plain dict with the same keys and values, and it is
always the method, even if the data has a "to_dict" key. `copy.copy`,
`copy.deepcopy` (a fully independent copy) and `pickle` must all work.

You know this from TypeScript/Go as a `Proxy` with a `get` trap, or Go's
`map[string]any` with `v, ok := m[key]`. What carries over: unknown names are
answered from the data. The false friends: a JS `Proxy` trap sees *every*
property access, but Python's `__getattr__` is only asked after normal lookup
has failed (its every-access sibling is `__getattribute__`). And a missing key
is not `undefined` or a zero value: Python's protocols (`hasattr`, `getattr`
with a default, `copy`, `pickle`) expect `AttributeError`, nothing else.
Careful, too: copy and pickle create instances *without* calling `__init__`,
then ask them for attributes.
"""

from typing import Any


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        # TODO: keep the dict itself (no copy).
        pass

    def __getattr__(self, name: str) -> Any:
        # TODO: answer from the data: wrap a nested dict in a Config, return any
        #       other value as it is, and raise AttributeError naming a missing key.
        # TODO: make sure this cannot recurse on an instance whose __init__ never
        #       ran (that is how copy and pickle build theirs).
        raise AttributeError(name)

    def to_dict(self) -> dict[str, Any]:
        # TODO: return a new plain dict holding the same keys and values.
        return {}
