"""Wrong: calls sys._is_gil_enabled() unconditionally, an AttributeError on Python 3.12."""

import sys
import sysconfig
from dataclasses import dataclass
from enum import StrEnum


class Workload(StrEnum):
    IO_ASYNC = "io_async"  # waiting on the network or disk, with async libraries (httpx, asyncpg)
    IO_SYNC = "io_sync"  # waiting too, but through blocking libraries (requests, psycopg)
    CPU_PURE = "cpu_pure"  # computing in Python bytecode: loops, parsing, pure-Python math
    CPU_NATIVE = "cpu_native"  # computing inside C/Rust extensions that release the GIL (NumPy)


class Executor(StrEnum):
    ASYNCIO = "asyncio"  # one thread, one event loop, many awaits in flight
    THREADS = "threads"  # concurrent.futures.ThreadPoolExecutor
    PROCESSES = "processes"  # concurrent.futures.ProcessPoolExecutor


def choose_executor(workload: Workload | str, *, gil_enabled: bool) -> Executor:
    """Pick the executor for `workload` on a runtime whose GIL is on or off."""
    try:
        kind = Workload(workload)
    except ValueError:
        expected = ", ".join(member.value for member in Workload)
        raise ValueError(f"unknown workload {workload!r}; expected one of: {expected}") from None

    match kind:
        case Workload.IO_ASYNC:
            # Thousands of waits overlap on one thread; threads would add nothing.
            return Executor.ASYNCIO
        case Workload.IO_SYNC:
            # A blocking call would stall the event loop, but a thread waiting
            # on IO releases the GIL, so a pool of them overlaps the waits.
            return Executor.THREADS
        case Workload.CPU_PURE:
            # Under the GIL only one thread runs bytecode at a time: real cores
            # need separate processes (one interpreter and one GIL each).
            # Without the GIL, threads run bytecode in parallel and share memory.
            return Executor.PROCESSES if gil_enabled else Executor.THREADS
        case Workload.CPU_NATIVE:
            # The extension drops the GIL while it computes, so threads already
            # run in parallel, without pickling data to other processes.
            return Executor.THREADS


@dataclass(frozen=True, slots=True)
class RuntimeReport:
    free_threaded_build: bool  # compiled without the GIL (python3.13t, 3.14t)?
    gil_enabled: bool  # is the GIL on right now, in this process?

    @property
    def summary(self) -> str:
        if not self.free_threaded_build:
            return "standard build: the GIL is always on; use processes for CPU-bound Python"
        if self.gil_enabled:
            return (
                "free-threaded build, but the GIL is on (PYTHON_GIL=1, -X gil=1, or an extension "
                "that does not declare free-threading support re-enabled it at import)"
            )
        return "free-threaded build with the GIL off: threads run Python code in parallel"


def runtime_report() -> RuntimeReport:
    """How this interpreter was built, and whether its GIL is on at this moment."""
    # Py_GIL_DISABLED is 1 on a free-threaded build, 0 on a standard 3.13+ build
    # and None (not defined) on older ones: only 1 means free-threaded.
    free_threaded_build = sysconfig.get_config_var("Py_GIL_DISABLED") == 1
    gil_enabled = sys._is_gil_enabled()
    return RuntimeReport(free_threaded_build=free_threaded_build, gil_enabled=gil_enabled)
