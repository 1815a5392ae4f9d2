"""Per-call capture of the learner's output, with a hard cap.

A learner who prints inside a hot loop can produce megabytes; the suite only
needs the start of it, and the terminal must stay usable. So each stream keeps
the first ``cap`` characters and counts the rest instead of storing them.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import sys
from collections.abc import Iterator


class CappedWriter(io.TextIOBase):
    """A text stream that stores at most ``cap`` characters and counts the overflow."""

    def __init__(self, cap: int, name: str) -> None:
        super().__init__()
        self._cap = cap
        self._parts: list[str] = []
        self._kept = 0
        self.dropped = 0
        self.name = name
        # Real stdout has a binary layer underneath; code that writes bytes uses it.
        self.buffer = _BytesIntoText(self)

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return "strict"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:  # type: ignore[override]
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        room = self._cap - self._kept
        if room > 0:
            kept = text[:room]
            self._parts.append(kept)
            self._kept += len(kept)
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def getvalue(self) -> str:
        return "".join(self._parts)


class _BytesIntoText(io.RawIOBase):
    """``sys.stdout.buffer``: bytes are decoded as UTF-8 and kept with the text.

    Invalid bytes are shown as escapes rather than failing, and a character split
    across two writes is decoded whole.
    """

    def __init__(self, text: CappedWriter) -> None:
        super().__init__()
        self._text = text
        self._decoder = codecs.getincrementaldecoder("utf-8")("backslashreplace")

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:  # type: ignore[override]
        chunk = bytes(memoryview(data))  # type: ignore[arg-type]
        self._text.write(self._decoder.decode(chunk))
        return len(chunk)


class Captured:
    """What one request printed."""

    def __init__(self, cap: int) -> None:
        self.stdout = CappedWriter(cap, "<stdout>")
        self.stderr = CappedWriter(cap, "<stderr>")

    def to_json(self) -> dict[str, object]:
        return {
            "stdout": self.stdout.getvalue(),
            "stderr": self.stderr.getvalue(),
            "truncated": {"stdout": self.stdout.dropped, "stderr": self.stderr.dropped},
        }


class _NoInput(io.TextIOBase):
    """Stands in for stdin: exercises are driven by tests, never by a keyboard."""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:  # type: ignore[override]
        raise EOFError(NO_STDIN_MESSAGE)

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        raise EOFError(NO_STDIN_MESSAGE)

    def isatty(self) -> bool:
        return False


NO_STDIN_MESSAGE = (
    "this exercise has no keyboard input: input() or sys.stdin was read. "
    "Take the value as a function parameter instead."
)


@contextlib.contextmanager
def capture(cap: int) -> Iterator[Captured]:
    captured = Captured(cap)
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = captured.stdout, captured.stderr, _NoInput()
    try:
        yield captured
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved
