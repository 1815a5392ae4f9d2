"""Right: try/except AttributeError, an if/elif chain with ==, the build read once at import, summary as a field."""

import sys
import sysconfig
from dataclasses import dataclass
from enum import StrEnum


class Workload(StrEnum):
    IO_ASYNC = "io_async"
    IO_SYNC = "io_sync"
    CPU_PURE = "cpu_pure"
    CPU_NATIVE = "cpu_native"


class Executor(StrEnum):
    ASYNCIO = "asyncio"
    THREADS = "threads"
    PROCESSES = "processes"


# The build never changes while the process runs, so reading it once is fine.
FREE_THREADED_BUILD = sysconfig.get_config_vars().get("Py_GIL_DISABLED") == 1


def choose_executor(workload: Workload | str, *, gil_enabled: bool) -> Executor:
    if workload == Workload.IO_ASYNC:
        return Executor.ASYNCIO
    elif workload == Workload.IO_SYNC:
        return Executor.THREADS
    elif workload == Workload.CPU_PURE:
        return Executor.THREADS if not gil_enabled else Executor.PROCESSES
    elif workload == Workload.CPU_NATIVE:
        return Executor.THREADS
    else:
        raise ValueError(f"unknown workload: {workload!r}")


@dataclass(frozen=True)
class RuntimeReport:
    free_threaded_build: bool
    gil_enabled: bool
    summary: str


def _gil_is_on() -> bool:
    try:
        return sys._is_gil_enabled()
    except AttributeError:
        return True


def runtime_report() -> RuntimeReport:
    gil = _gil_is_on()
    if not FREE_THREADED_BUILD:
        summary = "this build always has a GIL"
    elif gil:
        summary = "free-threaded build running with the GIL switched back on"
    else:
        summary = "free-threaded build, GIL off"
    return RuntimeReport(FREE_THREADED_BUILD, gil, summary)
