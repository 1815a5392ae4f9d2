"""Exercise 31 · processes for CPU: number crunching on every core.

Write `crunch(n)`, the sum of the squares 0² + 1² + … + (n - 1)², added up in
plain Python (it stands for any CPU-bound work). A negative `n` raises
`ValueError`. Then write `crunch_all(ns, max_workers=None)`: it runs `crunch`
for every number in `ns` (any iterable of ints) in a
`concurrent.futures.ProcessPoolExecutor` of at most `max_workers` worker
processes (`None`: the pool's default, one per CPU) and returns the results
as a list, in the order of `ns`. An exception raised in a worker reaches the
caller, and no worker process is left running when `crunch_all` returns.

You know this from TypeScript/Go as Node's worker_threads, or as starting a
goroutine per job and collecting the results. What carries over: you hand
jobs to workers and gather what comes back. The false friends: Go runs
goroutines on every core, but CPython's threads take turns holding one
global interpreter lock (the GIL), so threads never speed up CPU-bound Python;
separate processes do. And where a goroutine or a worker can run any closure,
a process pool pickles what it sends: a function travels as its module and
name, and the worker imports it by that name. A lambda, or a function defined
inside `crunch_all`, has no such name and cannot be sent.
"""

from collections.abc import Iterable


def crunch(n: int) -> int:
    # TODO: reject a negative n with ValueError.
    # TODO: add up i * i for every i from 0 up to n, not including n.
    return 0


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    # TODO: run crunch for every n in a ProcessPoolExecutor of at most
    #       max_workers processes, and return the results in the order of ns.
    # TODO: shut the pool down before returning, also when a worker raised.
    return [crunch(n) for n in ns]
