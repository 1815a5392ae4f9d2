"""Describing a Python exception for a reader who did not write the bridge.

The full traceback is mostly bridge and stdlib frames. A learner needs the
frames in their own file, so those are marked, and the TypeScript side shows
only them (falling back to the last frame when none are the learner's).

Two shapes would drown a learner, so they are condensed here, at the source:
a run of identical frames (a RecursionError has ~1000) becomes one frame with
a ``repeat`` count, and a chain of exceptions is followed to its root cause.
"""

from __future__ import annotations

import os
from types import TracebackType

_MAX_FRAMES = 30
# Links followed down ``__cause__``/``__context__``; a chain can be a cycle.
_MAX_CHAIN = 50
_BRIDGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _frame(file: str, line: int | None, name: str, code: str | None, roots: tuple[str, ...]) -> dict[str, object]:
    real = os.path.realpath(file) if file and not file.startswith("<") else file
    text = (code or "").rstrip()
    stripped = text.lstrip()
    return {
        "file": real,
        "line": line,
        "name": name,
        "code": stripped,
        # Columns (a SyntaxError's offset) count from the start of the real line;
        # the shown code has its indentation removed, so the renderer subtracts this.
        "indent": len(text) - len(stripped),
        "learner": any(real.startswith(root) for root in roots),
    }


def _frames(tb: TracebackType | None, roots: tuple[str, ...]) -> list[dict[str, object]]:
    import traceback  # imported on use: most requests never raise

    frames: list[dict[str, object]] = []
    previous: tuple[str, int | None, str] | None = None
    for f in traceback.extract_tb(tb):
        # The bridge's own frames explain nothing to a learner or a suite author.
        if f.filename.startswith(_BRIDGE_DIR):
            continue
        key = (f.filename, f.lineno, f.name)
        if key == previous:
            # Counted before the cap, so a RecursionError reports its real depth.
            frames[-1]["repeat"] = int(frames[-1].get("repeat", 1)) + 1  # type: ignore[call-overload]
            continue
        previous = key
        frames.append(_frame(f.filename, f.lineno, f.name, f.line, roots))
    return frames[-_MAX_FRAMES:]


def _root_cause(exc: BaseException) -> tuple[BaseException, int] | None:
    """The innermost exception of ``exc``'s chain and how many links down it is."""
    seen = {id(exc)}
    current, depth = exc, 0
    while depth < _MAX_CHAIN:
        following = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if following is None or id(following) in seen:
            break
        seen.add(id(following))
        current, depth = following, depth + 1
    return (current, depth) if depth > 0 else None


def describe(exc: BaseException, roots: tuple[str, ...]) -> dict[str, object]:
    """A JSON-ready description of ``exc`` with frames marked learner/not-learner."""
    frames = _frames(exc.__traceback__, roots)
    if isinstance(exc, SyntaxError) and exc.filename:
        # The offending line is not a frame of the traceback; add it as the last one.
        frame = _frame(exc.filename, exc.lineno, "<module>", exc.text, roots)
        frame["column"] = exc.offset
        end_line, end_offset = getattr(exc, "end_lineno", None), getattr(exc, "end_offset", None)
        if end_line == exc.lineno and isinstance(end_offset, int) and isinstance(exc.offset, int) and end_offset > exc.offset:
            frame["end_column"] = end_offset
        frames.append(frame)
        message = exc.msg
    else:
        message = _message(exc)
    root = _root_cause(exc)
    described: dict[str, object] = {
        "type": type(exc).__qualname__,
        "module": type(exc).__module__,
        "message": message,
        "frames": frames,
        "notes": [str(note) for note in getattr(exc, "__notes__", [])],
    }
    if isinstance(exc, BaseExceptionGroup):
        described["exceptions"] = [describe(inner, roots) for inner in exc.exceptions[:10]]
    if root is not None:
        cause, depth = root
        described["cause"] = {
            "type": type(cause).__qualname__,
            "message": _message(cause),
            "depth": depth,
            "frames": _frames(cause.__traceback__, roots),
        }
    return described


def _message(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # a broken __str__ must not hide the original error
        return f"<{type(exc).__name__} with an unprintable message>"
