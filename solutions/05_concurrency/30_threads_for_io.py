"""Exercise 30 · threads for IO: reference solution."""

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    """Call ``fetch(url)`` for every URL on up to ``max_workers`` threads; results in input order."""
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        return list(pool.map(fetch, urls))


# Why this way: a thread that waits on a socket (or a file, or `time.sleep`)
# releases the GIL, so threads make IO-bound work overlap even though only one
# of them runs Python code at a time. `ThreadPoolExecutor` bounds the overlap:
# it never starts more than `max_workers` threads, and every other URL waits in
# its queue. `pool.map` hands back results in the order of the input, whatever
# order the calls finish in (unlike `as_completed`, the closest thing to
# collecting promises as they settle), and it raises the first error, in input
# order, with its original type: nothing is swallowed. `list(...)` inside the
# `with` block collects every result before the pool goes away; an iterator
# returned from here would raise its errors later, somewhere else. Leaving the
# `with` block calls `shutdown(wait=True)` on success and on error alike, so no
# worker thread outlives the call.
