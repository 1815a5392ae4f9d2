"""Right: `import sys as _sys` with hasattr, a NamedTuple report, and match on (workload, gil_enabled)."""

import sys as _sys
import sysconfig as _sysconfig
from enum import StrEnum
from typing import NamedTuple


class Workload(StrEnum):
    IO_ASYNC = "io_async"
    IO_SYNC = "io_sync"
    CPU_PURE = "cpu_pure"
    CPU_NATIVE = "cpu_native"


class Executor(StrEnum):
    ASYNCIO = "asyncio"
    THREADS = "threads"
    PROCESSES = "processes"


def choose_executor(workload: Workload | str, *, gil_enabled: bool) -> Executor:
    match (workload, gil_enabled):
        case (Workload.IO_ASYNC, _):
            return Executor.ASYNCIO
        case (Workload.CPU_PURE, True):
            return Executor.PROCESSES
        case (Workload.IO_SYNC | Workload.CPU_PURE | Workload.CPU_NATIVE, _):
            return Executor.THREADS
        case _:
            raise ValueError(f"{workload!r} is not a known workload")


class RuntimeReport(NamedTuple):
    free_threaded_build: bool
    gil_enabled: bool

    @property
    def summary(self) -> str:
        if self.free_threaded_build and not self.gil_enabled:
            return "no GIL: threads run in parallel"
        if self.free_threaded_build:
            return "free-threaded interpreter, but the GIL is enabled"
        return "regular interpreter with a GIL"


def runtime_report() -> RuntimeReport:
    flag = _sysconfig.get_config_var("Py_GIL_DISABLED")
    if hasattr(_sys, "_is_gil_enabled"):
        gil = _sys._is_gil_enabled()
    else:
        gil = True
    return RuntimeReport(free_threaded_build=flag == 1, gil_enabled=gil)
