"""Embedded transport for the bridge: Pyodide in a Node worker thread calls these functions.

The worker imports this module before it takes its memory snapshot, so the bridge is
already loaded when a snapshot-started interpreter begins. Then, once per suite run,
``start()`` points it at the learner's folder, and ``handle()`` answers each request
with the same JSON the native engine writes to its pipe.
"""

from __future__ import annotations

import asyncio
import gc
import json
import math
import os
import selectors
import signal
import sys
import time
import warnings
from collections.abc import Callable
from types import FrameType
from typing import Any

import pyodide.webloop

from _advpy_kata.session import PROTOCOL_VERSION, Session

_BRIDGE_DIR = os.path.dirname(os.path.abspath(__file__))
_MAX_FRAMES = 100  # faulthandler's own limit
_SLEEP_SLICE = 0.05

_session: Session | None = None
# Bound at import, before any learner code runs: code that patches json must not break the bridge.
_loads, _dumps = json.loads, json.dumps


def start(cwd: str, output_cap: int, report_stacks: Callable[[str], None]) -> int:
    """Point the session at the learner's folder; returns the protocol version this bridge speaks."""
    global _session
    sys.dont_write_bytecode = True  # never leave __pycache__ in the learner's folder
    # Pyodide takes no `-X dev`; these are the parts of it a learner notices.
    warnings.simplefilter("default")
    os.environ["PYTHONASYNCIODEBUG"] = "1"
    # Like the native engine, the bridge is not importable by the learner's code.
    sys.path[:] = [entry for entry in sys.path if entry not in ("", _BRIDGE_DIR)]
    os.chdir(cwd)
    time.sleep = _interruptible(time.sleep)
    _install_asyncio(time.sleep)
    signal.signal(signal.SIGINT, _reporting(report_stacks))
    _session = Session(output_cap=output_cap)
    sys.stdin = None  # type: ignore[assignment]  # the bridge swaps in a polite stand-in per call
    # Session.handle runs gc.collect() per request; under WebAssembly a full collection
    # over the stdlib and bridge costs ~5 ms. Freezing what exists now leaves only the
    # learner's objects to scan (~0.01 ms), and theirs are the ones that need finalizing.
    gc.freeze()
    return PROTOCOL_VERSION


def handle(line: str) -> str:
    if _session is None:
        raise RuntimeError("advpy_embedded.start() was not called")
    # json.loads needs the real builtins; a change found here is reported by this response.
    _session.guard.repair_between_requests()
    request: dict[str, Any] = _loads(line)
    response = _session.handle(request)
    response["id"] = request.get("id")
    # ASCII with escapes, so lone surrogates the learner printed cross into JS intact.
    return _dumps(response)


def format_stack(frame: FrameType | None) -> str:
    """One thread's stack in faulthandler's format, innermost first, as the native engine reports it."""
    lines = ["Current thread 0x0000000000000001 (most recent call first):"]
    depth = 0
    while frame is not None:
        if depth == _MAX_FRAMES:
            lines.append("  ...")
            break
        code = frame.f_code
        lines.append(f'  File "{code.co_filename}", line {frame.f_lineno} in {code.co_name}')
        frame = frame.f_back
        depth += 1
    return "\n".join(lines) + "\n"


def _reporting(report_stacks: Callable[[str], None]) -> Callable[[int, FrameType | None], None]:
    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        # Report before raising: the learner's code may swallow the KeyboardInterrupt
        # and keep spinning, and the runner still needs to know where it was.
        report_stacks(format_stack(frame))
        raise KeyboardInterrupt

    return on_interrupt


def _interruptible(real_sleep: Callable[[float], None]) -> Callable[[float], None]:
    monotonic = time.monotonic  # held now: a suite's fake clock replaces time.monotonic later

    # Named `sleep` so tracebacks read as they would on CPython.
    def sleep(seconds: float) -> None:
        # Pyodide's sleep blocks the worker without looking at the interrupt buffer, so a
        # timed-out `while True: time.sleep(1)` could not say where it was. Short slices
        # let the interrupt land between them.
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        deadline = monotonic() + seconds
        while (left := deadline - monotonic()) > 0:
            real_sleep(min(left, _SLEEP_SLICE))

    return sleep


def _install_asyncio(real_sleep: Callable[[float], None]) -> None:
    """Make ``asyncio.run`` behave as on CPython.

    Pyodide's own loop (WebLoop) is always "running" and needs WebAssembly stack
    switching, which Node 20 lacks, so ``asyncio.run`` fails outright. asyncio's
    SelectorEventLoop works once its self-pipe (a socketpair, which Pyodide cannot
    make) is dropped; it only matters for wakeups from other threads, and Pyodide has
    none. The private names used here are pinned by the Pyodide version, which also
    keys the snapshot.
    """

    class IdleSelector(selectors.DefaultSelector):
        """Waits for the next timer with the interruptible sleep, since there are no fds to poll."""

        def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
            if self.get_map():
                return super().select(timeout)
            wait = math.inf if timeout is None else timeout
            if wait > 0:
                real_sleep(wait)  # not time.sleep: a suite's fake clock must not record loop idling
            return []

    class SelectorEventLoop(asyncio.SelectorEventLoop):
        def __init__(self, selector: selectors.BaseSelector | None = None) -> None:
            super().__init__(selector or IdleSelector())

        def _make_self_pipe(self) -> None:
            pass

        def _close_self_pipe(self) -> None:
            pass

        def _write_to_self(self) -> None:
            pass

    class EventLoopPolicy(asyncio.events._BaseDefaultEventLoopPolicy):  # type: ignore[name-defined]
        _loop_factory = SelectorEventLoop

    asyncio.events._set_running_loop(None)
    asyncio.run = pyodide.webloop._orig_run  # type: ignore[attr-defined]
    # Suites build loops with asyncio.SelectorEventLoop(custom_selector); they get this one.
    asyncio.SelectorEventLoop = SelectorEventLoop  # type: ignore[misc]
    asyncio.events._set_event_loop_policy(EventLoopPolicy())  # type: ignore[attr-defined]
