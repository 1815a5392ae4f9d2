"""Checks that suites run inside Python, returning readable problems rather than booleans."""

from __future__ import annotations

from collections.abc import Callable

# Suites reach these as `kit.<name>`: the recorder behind `kit.timeline.span(label)`.
from . import timeline as timeline


def __getattr__(name: str) -> object:
    """`kit.measure` (same-run speed ratios, profiles), compiled on first use: only the
    performance suites need it, and the kit is never byte-compiled (-B)."""
    if name == "measure":
        from . import measure

        globals()["measure"] = measure
        return measure
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def metadata_problems(original: Callable[..., object], wrapped: Callable[..., object]) -> list[str]:
    """List how ``wrapped`` fails to look like ``original`` (empty when it keeps its metadata)."""
    import inspect  # imported on use: it costs ~10 ms of every interpreter's start-up

    problems: list[str] = []
    for attr in ("__name__", "__qualname__", "__doc__", "__module__"):
        want, got = getattr(original, attr, None), getattr(wrapped, attr, None)
        if want != got:
            problems.append(f"{attr} is {got!r}, expected {want!r}")
    if getattr(wrapped, "__wrapped__", None) is not original:
        problems.append("__wrapped__ does not point at the original function")
    if getattr(wrapped, "__annotations__", None) != getattr(original, "__annotations__", None):
        problems.append("__annotations__ (the type hints) were not copied")
    try:
        want_sig, got_sig = inspect.signature(original), inspect.signature(wrapped)
        if want_sig != got_sig:
            problems.append(f"inspect.signature shows {got_sig}, expected {want_sig}")
    except (TypeError, ValueError) as exc:
        problems.append(f"inspect.signature failed: {exc}")
    return problems
