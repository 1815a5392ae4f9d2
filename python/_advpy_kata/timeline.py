"""What ran when: spans recorded by a suite's instrumented fakes, for the runner to draw.

A suite wraps the body of a fake (a fake ``fetch``, say) in ``with kit.timeline.span(url):``.
Each span is stamped with the real clock and with its lane: the asyncio task it
ran in, or else its thread. The TypeScript kit takes the spans after a test and
hands them to the runner, which draws one lane per thread or task.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypedDict

# Held at import, before a suite's fake clock replaces time.perf_counter: a
# timeline is about what really happened, and fake time does not move by itself.
_now = time.perf_counter
# A busy learner loop must not grow the list without end.
MAX_SPANS = 2_000


class Span(TypedDict):
    lane: str
    label: str
    start: float
    end: float


_spans: list[Span] = []
_origin: float | None = None
_lock = threading.Lock()


def _lane() -> str:
    task = None
    # Code running in a task has imported asyncio; importing it here instead would cost
    # every bridge start 60 ms, for the exercises that never use it.
    if "asyncio" in sys.modules:
        import asyncio

        try:
            task = asyncio.current_task()
        except RuntimeError:  # no running event loop in this thread
            task = None
    if task is not None:
        return task.get_name()
    return threading.current_thread().name


@contextmanager
def span(label: object) -> Iterator[None]:
    """Record the time the block took, in the current task's or thread's lane."""
    global _origin
    lane = _lane()
    start = _now()
    with _lock:
        if _origin is None:
            _origin = start
        origin = _origin
    try:
        yield
    finally:
        end = _now()
        with _lock:
            if len(_spans) < MAX_SPANS:
                _spans.append({"lane": lane, "label": str(label), "start": start - origin, "end": end - origin})


def take() -> list[Span]:
    """The spans recorded since the last take, in start order; the recorder starts afresh."""
    global _origin
    with _lock:
        taken = sorted(_spans, key=lambda s: s["start"])
        _spans.clear()
        _origin = None
    return taken
