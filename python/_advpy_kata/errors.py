"""Describing a Python exception for a reader who did not write the bridge.

The full traceback is mostly bridge and stdlib frames. A learner needs the
frames in their own file, so those are marked, and the TypeScript side shows
only them (falling back to the last frame when none are the learner's).
"""

from __future__ import annotations

import os
from types import TracebackType

_MAX_FRAMES = 30
_BRIDGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _frame(file: str, line: int | None, name: str, code: str | None, roots: tuple[str, ...]) -> dict[str, object]:
    real = os.path.realpath(file) if file and not file.startswith("<") else file
    return {
        "file": real,
        "line": line,
        "name": name,
        "code": (code or "").strip(),
        "learner": any(real.startswith(root) for root in roots),
    }


def _frames(tb: TracebackType | None, roots: tuple[str, ...]) -> list[dict[str, object]]:
    import traceback  # imported on use: most requests never raise

    summary = traceback.extract_tb(tb)
    # The bridge's own frames explain nothing to a learner or a suite author.
    frames = [_frame(f.filename, f.lineno, f.name, f.line, roots) for f in summary if not f.filename.startswith(_BRIDGE_DIR)]
    return frames[-_MAX_FRAMES:]


def describe(exc: BaseException, roots: tuple[str, ...]) -> dict[str, object]:
    """A JSON-ready description of ``exc`` with frames marked learner/not-learner."""
    frames = _frames(exc.__traceback__, roots)
    if isinstance(exc, SyntaxError) and exc.filename:
        # The offending line is not a frame of the traceback; add it as the last one.
        frame = _frame(exc.filename, exc.lineno, "<module>", exc.text, roots)
        frame["column"] = exc.offset
        frames.append(frame)
        message = exc.msg
    else:
        message = _message(exc)
    cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    described: dict[str, object] = {
        "type": type(exc).__qualname__,
        "module": type(exc).__module__,
        "message": message,
        "frames": frames,
        "notes": [str(note) for note in getattr(exc, "__notes__", [])],
    }
    if isinstance(exc, BaseExceptionGroup):
        described["exceptions"] = [describe(inner, roots) for inner in exc.exceptions[:10]]
    if cause is not None:
        described["cause"] = {"type": type(cause).__qualname__, "message": _message(cause)}
    return described


def _message(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # a broken __str__ must not hide the original error
        return f"<{type(exc).__name__} with an unprintable message>"
