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

from . import checks, timeline
from .capture import capture
from .errors import describe
from .fakes import FakeClock
from .guard import BuiltinsGuard, describe_changes
from .values import encode

DEFAULT_OUTPUT_CAP = 64 * 1024
# The request/response shapes this module speaks. Bump together with
# BRIDGE_PROTOCOL_VERSION in src/core/protocol.ts: both transports announce it in
# their ready message, and the TypeScript side refuses a bridge that speaks another.
PROTOCOL_VERSION = 1
_snippet_ids = itertools.count(1)


def _compile(code: str, mode: str) -> Any:
    """Compile a suite snippet under a name linecache knows, so its frames show their source."""
    filename = f"<suite:{next(_snippet_ids)}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    return compile(code, filename, mode)


class Session:
    def __init__(self, output_cap: int = DEFAULT_OUTPUT_CAP) -> None:
        self.output_cap = output_cap
        # A real module in sys.modules, so classes the suite defines behave like any
        # module's: dataclasses, pickling and typing all look their module up there.
        suite = ModuleType("__advpy_suite__")
        sys.modules[suite.__name__] = suite
        self.namespace: dict[str, Any] = suite.__dict__
        self.namespace["kit"] = checks
        self.roots: tuple[str, ...] = ()
        self.clock: FakeClock | None = None
        # Taken now, before any learner code runs: the builtins every request starts from.
        self.guard = BuiltinsGuard()

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        self.guard.repair_between_requests()
        if request.get("newTest"):
            timeline.take()  # spans an earlier test recorded but never took
        changed = self.guard.take_pending()
        if changed:
            # A thread the code started changed builtins while no request ran; this request
            # reports it instead of running on top of it.
            return _bare(describe_changes(changed, self.roots, between_requests=True))
        try:
            return self._handle(request)
        except BaseException as exc:  # noqa: BLE001 - the runner's own failure must still be an answer
            # Something the code under test did broke the runner's own work on this request
            # (describing or encoding it). Answer with what is known rather than crash.
            self.guard.repair()
            return _bare(
                {
                    "type": "BridgeError",
                    "module": "advpy",
                    "message": f"the runner could not finish this request ({type(exc).__qualname__}: {exc}); "
                    "the code under test may have changed something the runner relies on",
                    "frames": [],
                    "notes": [],
                }
            )

    def _handle(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        handler = getattr(self, f"_op_{op}", None)
        if handler is None:
            return {"ok": False, "error": {"type": "BridgeError", "module": "advpy", "message": f"unknown op {op!r}", "frames": [], "notes": []}}
        with capture(self.output_cap) as out, warnings.catch_warnings(record=True) as caught:
            # -X dev already shows every warning once; `record` lets us report them as data.
            raised: BaseException | None = None
            value: object = None
            try:
                value = handler(request)
            except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are learner outcomes too
                raised = exc
            # First, before our own code below looks a builtin up: put back what the request changed.
            changed = self.guard.repair()
            if changed:
                response: dict[str, Any] = {"ok": False, "error": describe_changes(changed, self.roots, raised=raised)}
            elif raised is not None:
                response = {"ok": False, "error": describe(raised, self.roots)}
            else:
                response = {"ok": True, "value": encode(value)}
            raised = None  # drop the traceback's frames before collecting
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


def _bare(error: dict[str, Any]) -> dict[str, Any]:
    """A failure response outside any capture: nothing printed, nothing warned."""
    return {"ok": False, "error": error, "stdout": "", "stderr": "", "truncated": {"stdout": 0, "stderr": 0}, "warnings": []}
