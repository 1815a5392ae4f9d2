"""Same-run speed comparisons, for suites that demand "at least N times faster".

A suite hands :func:`speedup` the given slow version and the learner's fast one.
Before anything is timed, both run on the same input and their results must be
equal: a fast wrong answer is a wrong answer. Then the two are timed in
alternating rounds (slow first, then fast first, and so on, so that a machine
that speeds up or slows down mid-run hurts both alike), after a warm-up (the
comparison calls), with the garbage collector off while the clock runs. The ratio is the median time of
the slow version over the median time of the fast one. The clock is CPU time
where it is precise (see the notes above ``_CLOCK``), so a busy machine stretches neither.

Timing is bounded: the comparison stops early once the ratio is overwhelmingly
met or overwhelmingly missed, and after ``max_seconds`` in any case. The suite
sizes its input so that the slow version takes a few tens of milliseconds, and
demands a ratio well below what a correct solution reaches on both engines.

The result is a plain dict (read it with ``py.value``): ``ok``, ``verdict``,
``ratio``, ``demanded``, the medians and samples, and a ``message`` in words.
"""

from __future__ import annotations

import gc
import math
import sys
import time

# Importing typing costs ~4 ms of every start-up; type checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

from .fakes import FakeClock


def _real(name: str) -> Callable[..., Any]:
    """``time.<name>`` as it was before any fake clock was installed.

    A speed ratio is about real work, and fake time does not move by itself. This
    module is imported on first use (see checks.py), possibly after a suite's
    FakeClock replaced the time functions; that clock keeps the ones it replaced.
    """
    current = getattr(time, name)
    owner = getattr(current, "__self__", None)
    if isinstance(owner, FakeClock):
        return owner._originals[name]  # pyright: ignore[reportPrivateUsage] - the same package
    return current


_perf_counter = _real("perf_counter")
_process_time = _real("process_time")
_sleep = _real("sleep")

# The clock samples are taken with. CPU time where it is precise, so that other
# programs competing for the CPU stretch neither version: the process's CPU time
# on Linux and macOS (nanoseconds, microseconds). Elsewhere the wall clock:
# Windows counts CPU time in 15.6 ms ticks, and under WebAssembly (Pyodide) CPU
# time is the wall clock anyway. A wall clock also counts the time other programs
# held the CPU; a sample that spans many scheduler time slices gets its fair share
# of those pauses, so there samples are longer, and a fast sample is made to last
# about as long as one call of the slow version (up to a quarter of a second).
_MIN_SAMPLE_CPU = 0.002
_CPU_CLOCK_IS_PRECISE = sys.platform in ("linux", "darwin")
_CLOCK: Callable[[], float] = _process_time if _CPU_CLOCK_IS_PRECISE else _perf_counter
_CLOCK_NAME = "process_time" if _CPU_CLOCK_IS_PRECISE else "perf_counter"
_MIN_SAMPLE = _MIN_SAMPLE_CPU if _CPU_CLOCK_IS_PRECISE else 0.02

_MAX_CALLS_PER_SAMPLE = 2_000
_MAX_WALL_SAMPLE = 0.25
_PROFILER_OWN_ENTRY = "<method 'disable' of '_lsprof.Profiler' objects>"


def speedup(
    slow: Callable[..., object],
    fast: Callable[..., object],
    *,
    args: tuple[Any, ...] = (),
    kwargs: dict[str, Any] | None = None,
    make_args: Callable[[], tuple[Any, ...]] | None = None,
    demanded: float = 10.0,
    same: Callable[[Any, Any], bool] | None = None,
    slow_name: str | None = None,
    fast_name: str | None = None,
    rounds: int = 7,
    min_rounds: int = 3,
    decisive: float = 3.0,
    warmups: int = 0,
    min_sample: float | None = None,
    max_seconds: float = 3.0,
    clock: Callable[[], float] | None = None,
) -> dict[str, Any]:
    """Check that ``fast`` gives what ``slow`` gives, then measure how many times faster it is.

    Both are called as ``fn(*args, **kwargs)``. With ``make_args``, every call gets
    fresh positional arguments from ``make_args()`` (made outside the timed region),
    so a function that changes its input cannot change the other's. ``same(expected,
    got)`` decides equality (default ``==``). Exceptions from either function propagate.

    Timing: the comparison calls are each function's warm-up; they are timed (never
    counted in the result) to size the samples: a function faster than ``min_sample``
    is called several times per sample (by default 2 ms on a CPU-time clock; on a
    wall clock 20 ms, and for the fast version as long as one slow call, up to
    0.25 s). ``warmups`` adds more warm-up calls of each. Then come up to
    ``rounds`` rounds of one sample each, in alternating order. After
    ``min_rounds`` rounds (always taken), timing stops once the ratio of medians is
    ``decisive`` times above or below ``demanded``, or once ``max_seconds`` (real
    time, counted from the start) have passed.
    ``clock`` replaces the clock the samples are taken with (the kit's own tests use it).
    """
    started = _perf_counter()
    keywords = kwargs or {}
    slow_label = slow_name or _name_of(slow)
    fast_label = fast_name or _name_of(fast)
    if clock is not None:
        now, clock_name, shortest = clock, "custom", _MIN_SAMPLE_CPU
    else:
        now, clock_name, shortest = _CLOCK, _CLOCK_NAME, _MIN_SAMPLE
    wall_clock = clock_name == "perf_counter"
    if min_sample is not None:
        shortest = min_sample

    def inputs() -> tuple[Any, ...]:
        return make_args() if make_args is not None else args

    gc_was_enabled = gc.isenabled()

    def timed(fn: Callable[..., object], prepared: list[tuple[Any, ...]]) -> tuple[object, float]:
        """The last result, and the seconds per call, over the calls prepared, made with the collector off."""
        result: object = None
        gc.disable()
        try:
            start = now()
            for positional in prepared:
                result = fn(*positional, **keywords)
            elapsed = now() - start
        finally:
            if gc_was_enabled:
                gc.enable()
        return result, elapsed / len(prepared)

    def sample(fn: Callable[..., object], calls: int) -> float:
        return timed(fn, [inputs() for _ in range(calls)])[1]

    # The comparison: each function's first call, timed as a warm-up that sizes the samples.
    expected, slow_first = timed(slow, [inputs()])
    got, fast_first = timed(fast, [inputs()])
    try:
        equal = bool(same(expected, got)) if same is not None else bool(expected == got)
    except Exception as exc:  # noqa: BLE001 - a comparison that fails means "not shown equal"
        equal = False
        difference = f"comparing the results raised {type(exc).__name__}: {exc}"
    else:
        difference = "" if equal else _difference(expected, got)
    if not equal:
        return {
            "ok": False,
            "verdict": "different",
            "ratio": None,
            "demanded": demanded,
            "slowName": slow_label,
            "fastName": fast_label,
            "slowSeconds": None,
            "fastSeconds": None,
            "slowSamples": [],
            "fastSamples": [],
            "callsPerSample": {"slow": 0, "fast": 0},
            "rounds": 0,
            "clock": clock_name,
            "difference": difference,
            "message": (
                f"{fast_label} returned something different from {slow_label} on the same input, so nothing "
                f"was timed: a fast wrong answer is still a wrong answer. {difference}"
            ),
        }

    def fast_target(slow_per_call: float) -> float:
        # On a wall clock, a fast sample lasts about as long as a slow call, so that
        # both see the same share of pauses when other programs take the CPU.
        return max(shortest, min(slow_per_call, _MAX_WALL_SAMPLE)) if wall_clock else shortest

    # Further warm-ups, if asked for, in the same alternation as the rounds.
    slow_calls = _calls_for(slow_first, shortest)
    fast_calls = _calls_for(fast_first, fast_target(slow_first))
    for index in range(warmups):
        if index % 2 == 0:
            slow_per_call = sample(slow, 1)
            fast_per_call = sample(fast, 1)
        else:
            fast_per_call = sample(fast, 1)
            slow_per_call = sample(slow, 1)
        slow_calls = _calls_for(slow_per_call, shortest)
        fast_calls = _calls_for(fast_per_call, fast_target(slow_per_call))

    slow_samples: list[float] = []
    fast_samples: list[float] = []
    ratio = 1.0
    for index in range(max(1, rounds)):
        if index % 2 == 0:
            slow_samples.append(sample(slow, slow_calls))
            fast_samples.append(sample(fast, fast_calls))
        else:
            fast_samples.append(sample(fast, fast_calls))
            slow_samples.append(sample(slow, slow_calls))
        ratio = _ratio(_median(slow_samples), _median(fast_samples))
        if index + 1 < min_rounds:
            continue
        if ratio >= demanded * decisive or ratio <= demanded / decisive:
            break  # overwhelmingly met, or overwhelmingly missed
        if _perf_counter() - started >= max_seconds:
            break

    slow_median, fast_median = _median(slow_samples), _median(fast_samples)
    ok = ratio >= demanded
    measured = (
        f"{fast_label} ran {_times(ratio)} as fast as {slow_label}: {_duration(fast_median)} against "
        f"{_duration(slow_median)} per call, the median of {len(slow_samples)} round{'s' if len(slow_samples) != 1 else ''}"
    )
    return {
        "ok": ok,
        "verdict": "faster" if ok else "too slow",
        "ratio": ratio,
        "demanded": demanded,
        "slowName": slow_label,
        "fastName": fast_label,
        "slowSeconds": slow_median,
        "fastSeconds": fast_median,
        "slowSamples": slow_samples,
        "fastSamples": fast_samples,
        "callsPerSample": {"slow": slow_calls, "fast": fast_calls},
        "rounds": len(slow_samples),
        "clock": clock_name,
        "difference": None,
        "message": f"{measured}. At least {demanded:g}x {'was' if ok else 'is'} demanded.",
    }


class other_threads_paused:
    """A ``with`` block during which no other Python thread runs, as long as the block never blocks.

    cProfile (3.12+, built on sys.monitoring) records the calls of every thread
    into one profile. A helper thread that wakes up mid-profile (the native
    runner keeps one that checks on its parent twice a second) then returns from
    calls the profile never saw it make, which pops the profiled function's own
    frames and hands their time to the wrong functions. A long switch interval
    keeps waiting threads waiting until this thread blocks (on I/O, a sleep or a
    lock), which pure-Python work never does; the short sleep on entry lets any
    thread already waiting for its turn finish its step first.
    """

    def __enter__(self) -> None:
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(60.0)
        _sleep(0.001)

    def __exit__(self, *exc_info: object) -> None:
        sys.setswitchinterval(self._interval)


def profile_top(
    fn: Callable[..., object],
    args: tuple[Any, ...] = (),
    kwargs: dict[str, Any] | None = None,
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Run ``fn`` once under cProfile; its functions by own time (tottime), most first.

    Each row is ``{name, file, line, ownSeconds, calls}``; built-in functions have
    ``file`` and ``line`` None. The profiler's own entry is left out. The profiler is
    disabled again even when ``fn`` raises (the exception propagates). Other threads
    are kept waiting meanwhile (see :class:`other_threads_paused`).
    """
    import cProfile  # imported on use: most suites never profile

    profiler = cProfile.Profile()
    with other_threads_paused():
        profiler.enable()
        try:
            fn(*args, **(kwargs or {}))
        finally:
            profiler.disable()
    profiler.create_stats()
    stats: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = profiler.stats  # type: ignore[attr-defined]
    rows: list[dict[str, Any]] = []
    for (file, line, name), (_primitive, calls, own, _cumulative, _callers) in stats.items():
        if name == _PROFILER_OWN_ENTRY:
            continue
        builtin = file == "~" and line == 0
        rows.append(
            {
                "name": name,
                "file": None if builtin else file,
                "line": None if builtin else line,
                "ownSeconds": own,
                "calls": calls,
            }
        )
    rows.sort(key=lambda row: row["ownSeconds"], reverse=True)
    return rows[:limit]


def stop_stray_profilers() -> int:
    """Disable profilers that code under test enabled and never disabled; 0 when none was active.

    Returns how many kinds of profiling hook were found active (cProfile's, and a
    ``sys.setprofile`` hook such as the pure-Python ``profile`` module's).

    A cProfile profiler left enabled makes every later ``enable()`` raise
    "Another profiling tool is already active", so a suite calls this between tests.
    """
    stopped = 0
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is not None and monitoring.get_tool(monitoring.PROFILER_ID) is not None:
        import _lsprof

        for candidate in gc.get_objects():
            if isinstance(candidate, _lsprof.Profiler):
                candidate.disable()
        stopped += 1
    if sys.getprofile() is not None:  # the pure-Python profile module, or a hand-made hook
        sys.setprofile(None)
        stopped += 1
    return stopped


def _name_of(fn: Callable[..., object]) -> str:
    return getattr(fn, "__name__", None) or repr(fn)


def _calls_for(seconds_per_call: float, min_sample: float) -> int:
    """How many back-to-back calls make one sample last at least ``min_sample``."""
    if seconds_per_call >= min_sample:
        return 1
    if seconds_per_call <= 0:
        return _MAX_CALLS_PER_SAMPLE
    return min(_MAX_CALLS_PER_SAMPLE, math.ceil(min_sample / seconds_per_call))


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _ratio(slow: float, fast: float) -> float:
    if fast > 0:
        return slow / fast
    return float("inf") if slow > 0 else 1.0


def _times(ratio: float) -> str:
    if ratio == float("inf"):
        return "immeasurably many times"
    return f"{ratio:.1f}x" if ratio < 100 else f"{ratio:.0f}x"


def _duration(seconds: float) -> str:
    if seconds >= 0.001:
        return f"{seconds * 1000:.2f} ms"
    return f"{seconds * 1_000_000:.1f} µs"


def _short(value: object, width: int = 80) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # noqa: BLE001 - a broken __repr__ must not hide the difference
        text = f"<repr failed: {type(exc).__name__}>"
    return text if len(text) <= width else text[: width - 1] + "…"


def _difference(expected: object, got: object) -> str:
    """Where two unequal results part, in a sentence."""
    other_type = f"Expected a {type(expected).__name__}, got a {type(got).__name__}: {_short(got)}."
    both_tuples = isinstance(expected, tuple) and isinstance(got, tuple)
    if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)):
        if type(expected) is not type(got) and not both_tuples:
            return other_type
        exp_items: list[object] = list(expected)  # pyright: ignore[reportUnknownArgumentType]
        got_items: list[object] = list(got)  # pyright: ignore[reportUnknownArgumentType]
        for index, (want, have) in enumerate(zip(exp_items, got_items)):
            if want != have:
                counts = f" ({len(exp_items)} items expected, {len(got_items)} returned)" if len(exp_items) != len(got_items) else ""
                return f"They first differ at index {index}: expected {_short(want)}, got {_short(have)}{counts}."
        return f"Expected {len(exp_items)} items, got {len(got_items)}; the first {min(len(exp_items), len(got_items))} agree."
    if isinstance(expected, dict) and isinstance(got, dict):
        exp_map: dict[object, object] = dict(expected)  # pyright: ignore[reportUnknownArgumentType]
        got_map: dict[object, object] = dict(got)  # pyright: ignore[reportUnknownArgumentType]
        missing = [key for key in exp_map if key not in got_map]
        if missing:
            return f"Missing key {_short(missing[0])} ({len(missing)} missing in all)."
        extra = [key for key in got_map if key not in exp_map]
        if extra:
            return f"Unexpected key {_short(extra[0])} ({len(extra)} extra in all)."
        for key, want in exp_map.items():
            if got_map[key] != want:
                return f"At key {_short(key)}: expected {_short(want)}, got {_short(got_map[key])}."
        return f"Same keys and values, in another order: expected {_short(list(exp_map))}, got {_short(list(got_map))}."
    if type(expected) is not type(got):
        return other_type
    return f"Expected {_short(expected)}, got {_short(got)}."
