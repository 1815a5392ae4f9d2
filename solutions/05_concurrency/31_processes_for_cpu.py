"""Exercise 31 · processes for CPU: reference solution."""

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def crunch(n: int) -> int:
    """Return 0² + 1² + … + (n - 1)², added up one square at a time in pure Python."""
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    """Return [crunch(n) for n in ns], computed in worker processes, in the order of ns."""
    with ProcessPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(crunch, ns))


# Why this way: crunch is CPU-bound pure Python, and CPython's GIL lets only one
# thread of a process run bytecode at a time, so a thread pool would take turns
# on one core. Separate processes each have their own interpreter and their own
# GIL, so they really run side by side. The price is that everything crossing
# to a worker is pickled: a function travels as its module and qualified name
# and is looked up again on the other side, which is why crunch must be a
# top-level def (a lambda or a function nested in crunch_all has no name a
# worker can import). `pool.map` submits every input at once and yields the
# results in input order, whichever finishes first; an exception raised in a
# worker is pickled back and raised again here, from `map`'s iterator. The
# `with` block shuts the pool down, waiting for its workers to exit, on the
# way out, also when an exception escapes. `max_workers=None` lets the pool
# choose one worker per CPU. One more rule, for scripts: under the `spawn` and
# `forkserver` start methods (macOS, Windows, and Linux from Python 3.14) each
# worker imports your module afresh, so a script must keep its top-level code
# under `if __name__ == "__main__":` or every worker would run it again.
