"""Turning Python values into JSON the TypeScript side can revive.

Plain data (None, bool, int, float, str, and lists, tuples and str-keyed dicts of
those) crosses as itself. Anything else crosses as an opaque marker carrying the
type name and repr, so a suite can still print and compare it. Integers beyond
JavaScript's safe range cross as a marker too, and are revived as BigInt.
"""

from __future__ import annotations

import math

MARKER = "__py__"
_SAFE_INT = 2**53 - 1


def _opaque(value: object) -> dict[str, object]:
    try:
        text = repr(value)
    except Exception as exc:  # a broken __repr__ must not break the bridge
        text = f"<repr failed: {type(exc).__name__}>"
    if len(text) > 2000:
        text = text[:2000] + "…"
    return {MARKER: {"type": type(value).__qualname__, "repr": text}}


def encode(value: object, depth: int = 0) -> object:
    """Return a JSON-serialisable form of ``value``."""
    if depth > 50:
        return _opaque(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int) and type(value) is int:
        if -_SAFE_INT <= value <= _SAFE_INT:
            return value
        return {MARKER: {"type": "int", "repr": str(value)}}
    if isinstance(value, float) and type(value) is float:
        # NaN and infinities are not JSON; keep them exact through the marker.
        return value if math.isfinite(value) else {MARKER: {"type": "float", "repr": repr(value)}}
    if type(value) in (list, tuple):
        return [encode(item, depth + 1) for item in value]  # type: ignore[union-attr]
    if type(value) is dict and all(isinstance(key, str) for key in value):  # type: ignore[union-attr]
        return {key: encode(item, depth + 1) for key, item in value.items()}  # type: ignore[union-attr]
    return _opaque(value)
