"""Exercise 35 · free threading: the GIL, and which executor to pick.

Write `choose_executor(workload, *, gil_enabled)`, the decision table of this
chapter as code: given a `Workload` (or its string value, such as "io_sync")
it returns the `Executor` to use, asyncio, threads or processes, and with
`gil_enabled=False` (a free-threaded runtime) pure-Python CPU work can use
threads. Any other workload raises `ValueError` naming it. Then write
`runtime_report()`, which tells two questions apart: was this interpreter
*built* free-threaded (`sysconfig.get_config_var("Py_GIL_DISABLED")`), and is
the GIL *enabled right now* (`sys._is_gil_enabled()`, which exists from Python
3.13 on; before that every build had the GIL). The suite fakes all four
situations: a standard build, a free-threaded build with the GIL off, one
whose GIL was switched back on, and a Python older than 3.13.

You know this from TypeScript/Go as "where does my work run": in Node, async
IO on the event loop and CPU work on worker threads; in Go, goroutines for
everything. What carries over: waiting and computing need different tools,
and async IO needs no threads at all. The false friends: a Python thread is a
real OS thread, yet under the GIL only one of them runs Python code at a time,
so threads help while waiting (or inside native code that releases the GIL)
but not for pure-Python number crunching, which needs processes. And
"free-threaded" is a property of the build, not a promise: such an
interpreter turns the GIL back on when `PYTHON_GIL=1` is set or when it
imports an extension module that has not declared support for running
without it, so the build flag alone cannot tell you the GIL is off.
"""

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
    # TODO: accept a Workload member or its string value ("cpu_pure"); raise
    #       ValueError naming anything else.
    # TODO: return an Executor member for each of the four workloads; only one
    #       row of the table depends on gil_enabled.
    raise NotImplementedError


@dataclass(frozen=True, slots=True)
class RuntimeReport:
    free_threaded_build: bool  # compiled without the GIL (python3.13t, 3.14t)?
    gil_enabled: bool  # is the GIL on right now, in this process?

    @property
    def summary(self) -> str:
        # TODO: one line for humans, different for each of the three states:
        #       standard build; free-threaded with the GIL off; free-threaded
        #       with the GIL back on.
        return ""


def runtime_report() -> RuntimeReport:
    """How this interpreter was built, and whether its GIL is on at this moment."""
    # TODO: free_threaded_build: Py_GIL_DISABLED is 1 on a free-threaded build,
    #       0 on a standard 3.13+ build, None on older Pythons. Make it a bool.
    # TODO: gil_enabled: ask sys._is_gil_enabled() when it exists (read it on
    #       every call: the GIL can come back on while the program runs);
    #       without it, the GIL is on.
    free_threaded_build = False
    gil_enabled = False
    return RuntimeReport(free_threaded_build=free_threaded_build, gil_enabled=gil_enabled)
