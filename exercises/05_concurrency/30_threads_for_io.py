"""Exercise 30 · threads for IO: fetch many URLs at once with a thread pool.

Write `fetch_all(urls, fetch, max_workers=8)`. It calls `fetch(url)` for every
URL, on the threads of a `concurrent.futures.ThreadPoolExecutor`, and returns
the results as a list in the order of `urls`, whatever order the calls finish
in. The waits overlap, but never more than `max_workers` calls are in flight at
once (and exactly that many when there are enough URLs). An exception raised
by `fetch` reaches the caller unchanged, and the pool is always shut down: no
worker thread is left running once `fetch_all` returns or raises.

You know this from TypeScript/Go as `Promise.all(urls.map(fetch))` or a
goroutine per URL with a `sync.WaitGroup` and a semaphore channel. What carries
over: while one request waits on the network, others can make progress; in
CPython a thread that waits for IO releases the GIL, so threads overlap their
waits even though only one of them runs Python code at a time. The false
friends: a thread is an OS thread, not a cheap goroutine or promise, so you
bound them with a pool; `concurrent.futures.as_completed` hands results back
in the order they finish, not the order you asked; a `Future` is not the
result (call `.result()`, which also re-raises the call's exception); and a
pool you never shut down keeps its threads alive.
"""

from collections.abc import Callable, Iterable


def fetch_all[R](urls: Iterable[str], fetch: Callable[[str], R], max_workers: int = 8) -> list[R]:
    # TODO: create a ThreadPoolExecutor with max_workers threads, in a way that
    #       shuts it down however this function ends (returning or raising).
    # TODO: start fetch(url) for every URL before waiting for any of them, then
    #       collect the results in the order of urls. A call's exception must
    #       reach the caller as it was raised.
    return [fetch(url) for url in urls]
