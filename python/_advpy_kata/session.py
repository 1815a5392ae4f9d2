"""The engine-independent half of the bridge: one namespace, one request at a time.

Both engines feed this class JSON-shaped requests: the native engine from a pipe,
the embedded (Pyodide) engine from a JavaScript worker. Keeping the semantics here
means a suite behaves the same on either engine.

Requests (``op``):
  import  {path, alias, fakeTime}  load the learner's file from its real path
  exec    {code}                   run statements in the suite namespace
  eval    {code}                   evaluate an expression there
  call    {target, args, kwargs}   call ``eval(target)`` with JSON arguments;
                                   ``{"__ref__": "name"}`` passes a namespace object
"""

from __future__ import annotations

import gc
import importlib
import itertools
import linecache
import os
import sys
import warnings
from types import ModuleType
# Importing typing costs ~4 ms of every start-up; type checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

from . import checks
from .capture import capture
from .errors import describe
from .fakes import FakeClock
from .values import encode

DEFAULT_OUTPUT_CAP = 64 * 1024
_snippet_ids = itertools.count(1)


def _compile(code: str, mode: str) -> Any:
    """Compile a suite snippet under a name linecache knows, so its frames show their source."""
    filename = f"<suite:{next(_snippet_ids)}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    return compile(code, filename, mode)


class Session:
    def __init__(self, output_cap: int = DEFAULT_OUTPUT_CAP) -> None:
        self.output_cap = output_cap
        self.namespace: dict[str, Any] = {"__name__": "__advpy_suite__", "kit": checks}
        self.roots: tuple[str, ...] = ()
        self.clock: FakeClock | None = None

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        handler = getattr(self, f"_op_{op}", None)
        if handler is None:
            return {"ok": False, "error": {"type": "BridgeError", "module": "advpy", "message": f"unknown op {op!r}", "frames": [], "notes": []}}
        with capture(self.output_cap) as out, warnings.catch_warnings(record=True) as caught:
            # -X dev already shows every warning once; `record` lets us report them as data.
            try:
                value = handler(request)
                response: dict[str, Any] = {"ok": True, "value": encode(value)}
            except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are learner outcomes too
                response = {"ok": False, "error": describe(exc, self.roots)}
                del exc
            # Unawaited coroutines and unclosed files warn when collected, so collect now,
            # while this request's output is still being captured.
            gc.collect()
        response.update(out.to_json())
        response["warnings"] = [
            {"category": w.category.__name__, "message": str(w.message), "file": w.filename, "line": w.lineno}
            for w in caught
        ]
        return response

    def _op_import(self, request: dict[str, Any]) -> str:
        path = os.path.realpath(request["path"])
        folder, filename = os.path.split(path)
        name = os.path.splitext(filename)[0]
        self.roots = (folder + os.sep,)
        # The folder goes on sys.path so the module has a real, importable name:
        # pickling functions for process pools depends on it.
        if folder not in sys.path:
            sys.path.insert(0, folder)
        if request.get("fakeTime"):
            self.clock = FakeClock()
            self.clock.install()
            self.namespace["clock"] = self.clock
        module: ModuleType = importlib.import_module(name)
        if self.clock is not None:
            self.clock.rebind(module)
        self.namespace[request.get("alias") or "ex"] = module
        return name

    def _op_exec(self, request: dict[str, Any]) -> None:
        exec(_compile(request["code"], "exec"), self.namespace)

    def _op_eval(self, request: dict[str, Any]) -> object:
        return eval(_compile(request["code"], "eval"), self.namespace)

    def _op_call(self, request: dict[str, Any]) -> object:
        target = eval(_compile(request["target"], "eval"), self.namespace)
        args = [self._revive(arg) for arg in request.get("args", [])]
        kwargs = {key: self._revive(value) for key, value in request.get("kwargs", {}).items()}
        result = target(*args, **kwargs)
        if request.get("store"):
            self.namespace[request["store"]] = result
        return result

    def _revive(self, value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"__ref__"}:
                return eval(_compile(value["__ref__"], "eval"), self.namespace)
            return {key: self._revive(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._revive(item) for item in value]
        return value
