"""Keeping the runner on its feet when the code under test changes Python's builtins.

The bridge, the standard library and the suite share one ``builtins`` module with the
learner's code. Code that replaces ``builtins.__import__`` or deletes ``builtins.print``
would otherwise break the runner itself ("No module named 'traceback'") rather than the
learner's own test. So the session copies the builtins before any learner code runs,
and after every request puts back whatever was replaced or deleted, and reports that
as the request's failure, naming each change. Putting them back is sound: the request
that changed them fails and says so, and every later request runs on the real builtins,
as a fresh interpreter would.

Names the code *added* to builtins are left alone: they break nothing of ours.
"""

from __future__ import annotations

import builtins
import linecache
import os

# The dict itself, not the module: rebinding ``sys.modules["builtins"]`` does not change
# what name lookups use, and neither does it change this reference.
_LIVE = builtins.__dict__
_MISSING = object()
_NAMED = 5


class BuiltinsGuard:
    def __init__(self) -> None:
        self._real = dict(_LIVE)
        # Changes found outside a request (by a background thread), reported with the next one.
        self.pending: list[tuple[str, object]] = []

    def repair(self) -> list[tuple[str, object]]:
        """Put back every builtin that was replaced or deleted; returns ``(name, what replaced it)``.

        Runs before anything else looks a builtin up, so it uses only dict methods and
        ``is``: no builtin names. A deleted builtin is reported with ``_MISSING``.
        """
        found: list[tuple[str, object]] = []
        for name, value in self._real.items():
            current = _LIVE.get(name, _MISSING)
            if current is not value:
                found.append((name, current))
                _LIVE[name] = value
        return found

    def repair_between_requests(self) -> None:
        """Repair now and keep what was found for the next request to report."""
        self.pending.extend(self.repair())

    def take_pending(self) -> list[tuple[str, object]]:
        pending, self.pending = self.pending, []
        return pending


def describe_changes(
    changes: list[tuple[str, object]],
    roots: tuple[str, ...],
    *,
    between_requests: bool = False,
    raised: BaseException | None = None,
) -> dict[str, object]:
    """A bridge error (the shape ``errors.describe`` gives) naming what the code did to builtins."""
    clauses = [_clause(name, replacement) for name, replacement in changes]
    shown = clauses[:_NAMED]
    if len(clauses) > _NAMED:
        shown.append(f"{len(clauses) - _NAMED} more")
    who = "code still running after a call (a thread your code started?)" if between_requests else "your code"
    message = f"{who} changed Python's builtins: {_join(shown)}"
    notes = [
        "The tests, the standard library and the runner all rely on the real builtins, "
        "so advpy-kata put them back. Leave builtins alone: define the name in your own "
        "module instead (it shadows the builtin there), or patch it only for a moment with "
        "`with unittest.mock.patch('builtins.print', ...):`."
    ]
    if raised is not None:
        notes.append(f"It also raised {type(raised).__qualname__}: {_message(raised)}")
    frames = [frame for name, replacement in changes if (frame := _defined_at(name, replacement, roots)) is not None]
    return {"type": "BuiltinsChanged", "module": "advpy", "message": message, "frames": frames[:_NAMED], "notes": notes}


def _clause(name: str, replacement: object) -> str:
    if replacement is _MISSING:
        return f"deleted builtins.{name}"
    code = getattr(replacement, "__code__", None)
    if code is not None:
        where = f"{os.path.basename(code.co_filename)}:{code.co_firstlineno}"
        return f"replaced builtins.{name} with {getattr(replacement, '__qualname__', code.co_name)} ({where})"
    return f"replaced builtins.{name} with {_short_repr(replacement)}"


def _defined_at(name: str, replacement: object, roots: tuple[str, ...]) -> dict[str, object] | None:
    """Where a replacement function was defined: usually the line that did the replacing."""
    code = getattr(replacement, "__code__", None)
    if code is None or not code.co_filename or code.co_filename.startswith("<"):
        return None
    file = os.path.realpath(code.co_filename)
    text = linecache.getline(code.co_filename, code.co_firstlineno).rstrip()
    stripped = text.lstrip()
    return {
        "file": file,
        "line": code.co_firstlineno,
        "name": getattr(replacement, "__qualname__", code.co_name),
        "code": stripped,
        "indent": len(text) - len(stripped),
        "learner": any(file.startswith(root) for root in roots),
    }


def _short_repr(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide what happened
        text = f"a {type(value).__qualname__} object"
    return text if len(text) <= 40 else f"{text[:37]}..."


def _message(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:
        return f"<{type(exc).__name__} with an unprintable message>"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
