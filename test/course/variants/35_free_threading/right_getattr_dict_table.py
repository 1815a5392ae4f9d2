"""Right: `from sysconfig import get_config_var`, getattr feature detection, and the table as a dict."""

import sys
from dataclasses import dataclass
from enum import StrEnum
from sysconfig import get_config_var


class Workload(StrEnum):
    IO_ASYNC = "io_async"
    IO_SYNC = "io_sync"
    CPU_PURE = "cpu_pure"
    CPU_NATIVE = "cpu_native"


class Executor(StrEnum):
    ASYNCIO = "asyncio"
    THREADS = "threads"
    PROCESSES = "processes"


# (workload, gil_enabled) -> executor: every row of the decision table, spelled out.
_TABLE: dict[tuple[Workload, bool], Executor] = {
    (Workload.IO_ASYNC, True): Executor.ASYNCIO,
    (Workload.IO_ASYNC, False): Executor.ASYNCIO,
    (Workload.IO_SYNC, True): Executor.THREADS,
    (Workload.IO_SYNC, False): Executor.THREADS,
    (Workload.CPU_PURE, True): Executor.PROCESSES,
    (Workload.CPU_PURE, False): Executor.THREADS,
    (Workload.CPU_NATIVE, True): Executor.THREADS,
    (Workload.CPU_NATIVE, False): Executor.THREADS,
}


def choose_executor(workload: Workload | str, *, gil_enabled: bool) -> Executor:
    if workload not in set(Workload):
        raise ValueError(f"not a workload: {workload!r}")
    return _TABLE[Workload(workload), bool(gil_enabled)]


@dataclass(frozen=True)
class RuntimeReport:
    free_threaded_build: bool
    gil_enabled: bool

    @property
    def summary(self) -> str:
        build = "free-threaded build" if self.free_threaded_build else "standard build"
        state = "GIL enabled" if self.gil_enabled else "GIL disabled"
        return f"{build}, {state}"


def runtime_report() -> RuntimeReport:
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return RuntimeReport(
        free_threaded_build=bool(get_config_var("Py_GIL_DISABLED")),
        gil_enabled=True if is_gil_enabled is None else bool(is_gil_enabled()),
    )
