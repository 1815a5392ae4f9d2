import { beforeEach, expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// The suite never measures time. Overlap is proved by counting: `FakeWeb.fetch`
// counts the calls in flight (under a lock) and keeps the maximum, and each call
// waits until `meet` calls are in flight together, so a correct pool is seen at
// full width on every run. A call that waits longer than WAIT seconds gives up,
// and so do all the calls after it: a pool that runs the calls one after another
// fails in about WAIT seconds instead of hanging. A call that runs in the thread
// that called fetch_all gives up at once: nothing can overlap with it.
// `run(...)` calls ex.fetch_all and describes what came back, for the messages.
// `PoolWatch` spies on ThreadPoolExecutor while a test runs: it remembers every
// pool created (and keeps it alive, so a pool that was never shut down keeps its
// threads) and every shutdown call.
beforeEach(async () => {
  await py.exec(`
    import concurrent.futures
    import inspect
    import threading

    WAIT = 2.0  # the longest any wait in this suite lasts before giving up

    class FetchFailed(Exception):
        """What the fake fetch raises for a URL it is told to fail."""

    class FakeWeb:
        def __init__(self, meet=1, patience=WAIT, fail=()):
            self.meet = meet  # each call waits until this many calls are in flight at once
            self.patience = patience
            self.fail = set(fail)
            self.lock = threading.Lock()
            self.in_flight = 0
            self.max_in_flight = 0
            self.calls = []
            self.threads = []
            self.caller = threading.current_thread()
            self.met = threading.Event()
            self.gave_up = False

        def fetch(self, url):
            with kit.timeline.span(url):
                me = threading.current_thread()
                with self.lock:
                    self.calls.append(url)
                    if me not in self.threads:
                        self.threads.append(me)
                    self.in_flight += 1
                    self.max_in_flight = max(self.max_in_flight, self.in_flight)
                    if self.in_flight >= self.meet:
                        self.met.set()
                try:
                    if me is self.caller or not self.met.wait(self.patience):
                        self.gave_up = True
                        self.met.set()
                    if url in self.fail:
                        raise FetchFailed(f"503 Service Unavailable from {url}")
                    return f"<page {url}>"
                finally:
                    with self.lock:
                        self.in_flight -= 1

        def report(self):
            return {
                "max": self.max_in_flight,
                "calls": list(self.calls),
                "threads": len(self.threads),
                "in_caller": self.caller in self.threads,
                "gave_up": self.gave_up,
            }

    def pages(urls):
        return [f"<page {url}>" for url in urls]

    def urls(n):
        return [f"/item/{i}" for i in range(n)]

    def run(urls, fetch, **kwargs):
        """Call ex.fetch_all and describe the outcome."""
        try:
            result = ex.fetch_all(urls, fetch, **kwargs)
        except Exception as exc:
            return {"raised": f"{type(exc).__name__}: {exc}", "cause": repr(exc.__cause__)}
        if not isinstance(result, list):
            return {"not_list": type(result).__name__, "repr": repr(result)[:200]}
        if any(isinstance(item, concurrent.futures.Future) for item in result):
            return {"futures": repr(result[:2])[:200]}
        if any(isinstance(item, BaseException) for item in result):
            return {"exceptions_in_list": repr(result)[:300]}
        return {"result": result}

    class PoolWatch:
        def __enter__(self):
            cls = concurrent.futures.ThreadPoolExecutor
            self.before = set(threading.enumerate())
            self.created = []  # (pool, args, kwargs)
            self.shutdowns = []  # the wait= of each shutdown call
            self.original_init = cls.__init__
            self.original_shutdown = cls.shutdown
            watch = self

            def __init__(pool, *args, **kwargs):
                watch.created.append((pool, args, kwargs))
                watch.original_init(pool, *args, **kwargs)

            def shutdown(pool, wait=True, **kwargs):
                watch.shutdowns.append(bool(wait))
                return watch.original_shutdown(pool, wait, **kwargs)

            cls.__init__ = __init__
            cls.shutdown = shutdown
            return self

        def leftovers(self):
            """Names of threads started since __enter__ that are still alive."""
            return sorted(t.name for t in threading.enumerate() if t not in self.before and t.is_alive())

        def report(self):
            return {
                "pools": [f"ThreadPoolExecutor({', '.join([*map(repr, a), *(f'{k}={v!r}' for k, v in kw.items())])})" for _, a, kw in self.created],
                "shutdowns": self.shutdowns,
            }

        def __exit__(self, *exc_info):
            cls = concurrent.futures.ThreadPoolExecutor
            cls.__init__ = self.original_init
            cls.shutdown = self.original_shutdown
            for pool, _, _ in self.created:
                pool.shutdown(wait=True)
  `);
});

interface Outcome {
  result?: unknown[];
  raised?: string;
  cause?: string;
  not_list?: string;
  repr?: string;
  futures?: string;
  exceptions_in_list?: string;
}

interface WebReport {
  max: number;
  calls: string[];
  threads: number;
  in_caller: boolean;
  gave_up: boolean;
}

/** What fetch_all did instead of returning the list the test expected (`expected`, when given), or ''. */
function whatCameBack(outcome: Outcome, expected?: unknown[]): string {
  if (outcome.raised !== undefined) return `fetch_all raised ${outcome.raised}.`;
  if (expected !== undefined && outcome.result !== undefined && sameItems(outcome.result, expected) && !sameOrder(outcome.result, expected))
    return 'fetch_all returned the right pages in another order: keep each result at the position of its URL, whatever order the calls finish in (pool.map does).';
  if (outcome.futures !== undefined)
    return `fetch_all returned a list of Future objects (${outcome.futures}): a Future is a handle on the call, call .result() on each to get what fetch returned.`;
  if (outcome.not_list !== undefined)
    return `fetch_all returned a ${outcome.not_list} (${outcome.repr}), not a list: collect the results into a list before returning.`;
  return '';
}

function sameOrder(a: unknown[], b: unknown[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameItems(a: unknown[], b: unknown[]): boolean {
  const sorted = (items: unknown[]): string => JSON.stringify(items.map((item) => JSON.stringify(item)).sort());
  return sorted(a) === sorted(b);
}

/** Says how the calls overlapped, for the overlap messages. */
function overlapStory(web: WebReport, wanted: number): string {
  if (web.max === 1) {
    const where = web.in_caller
      ? 'fetch ran in the thread that called fetch_all, so nothing could overlap: hand the calls to the ThreadPoolExecutor.'
      : 'fetch ran in other threads, but each call was over before the next one started: submit every call before ' +
        'waiting for any result (pool.map does that), rather than waiting for each future right after submitting it.';
    return `The calls ran one after another (observed: max in flight was 1). ${where}`;
  }
  if (web.max < wanted) return `At most ${web.max} calls were in flight at once, not ${wanted}: is the pool given max_workers?`;
  if (web.max > wanted) return `${web.max} calls were in flight at once, more than ${wanted}: pass max_workers to the ThreadPoolExecutor.`;
  return '';
}

test('returns one result per URL, in the order of the URLs', async () => {
  const outcome = await py.value<Outcome>(`run(urls(3), FakeWeb().fetch, max_workers=3)`);
  const expected = await py.value<string[]>('pages(urls(3))');
  expect(
    outcome.result,
    `fetch_all(["/item/0", "/item/1", "/item/2"], fetch) should return [fetch("/item/0"), fetch("/item/1"), ` +
      `fetch("/item/2")] as a list. ${whatCameBack(outcome, expected)}`,
  ).toEqual(expected);
});

test('the calls overlap: exactly max_workers of them are in flight at once', async () => {
  await py.exec(`
    web = FakeWeb(meet=4)
    outcome = run(urls(12), web.fetch, max_workers=4)
  `);
  const outcome = await py.value<Outcome>('outcome');
  const web = await py.value<WebReport>('web.report()');
  await py.recordTimeline(
    web.max === 4 ? 'four calls in flight at a time, on four pool threads' : `at most ${web.max} call(s) in flight at a time`,
  );
  const expected12 = await py.value<string[]>('pages(urls(12))');
  expect(outcome.result, `fetch_all(12 URLs, fetch, max_workers=4) should return the 12 pages in order. ${whatCameBack(outcome, expected12)}`).toEqual(expected12);
  expect(
    web.max,
    `with max_workers=4 and 12 URLs, 4 calls should be in flight at the same time (each fake call waits for the ` +
      `others to arrive). ${overlapStory(web, 4)}`,
  ).toBe(4);
  expect([...web.calls].sort(), 'fetch should be called exactly once for each URL').toEqual(
    (await py.value<string[]>('urls(12)')).sort(),
  );
});

test('max_workers defaults to 8', async () => {
  const declared = await py.value<string>(
    '(lambda p: "missing" if p is None else repr(p.default))(inspect.signature(ex.fetch_all).parameters.get("max_workers"))',
  );
  expect(declared, `fetch_all(urls, fetch, max_workers=8): the parameter max_workers should default to 8, but its default is ${declared}`).toBe('8');
  await py.exec(`
    web = FakeWeb(meet=8)
    outcome = run(urls(10), web.fetch)
  `);
  const outcome = await py.value<Outcome>('outcome');
  const web = await py.value<WebReport>('web.report()');
  const expected10 = await py.value<string[]>('pages(urls(10))');
  expect(outcome.result, `fetch_all(10 URLs, fetch) should return the 10 pages in order. ${whatCameBack(outcome, expected10)}`).toEqual(expected10);
  expect(
    web.max,
    `fetch_all(10 URLs, fetch) without max_workers should run 8 calls at once (the default max_workers=8). ${overlapStory(web, 8)}`,
  ).toBe(8);
});

test('never more than max_workers calls in flight, even when more could start', async () => {
  // Each call waits until a 4th call is in flight at once (or 1 s passes): a pool
  // of 3 threads can never start a 4th, a bigger pool or a thread per URL does.
  await py.exec(`
    web = FakeWeb(meet=4, patience=1.0)
    with PoolWatch() as watch:
        outcome = run(urls(9), web.fetch, max_workers=3)
        pools = watch.report()
  `);
  const outcome = await py.value<Outcome>('outcome');
  const web = await py.value<WebReport>('web.report()');
  const pools = await py.value<{ pools: string[] }>('pools');
  let why = '';
  if (web.max > 3) {
    if (pools.pools.length === 0)
      why = `fetch_all created no ThreadPoolExecutor, and ${web.threads} different threads ran fetch: a thread per URL has no bound. Let a pool of max_workers threads run the calls.`;
    else why = `fetch_all created ${pools.pools.join(' and ')}: pass max_workers=max_workers to the pool.`;
  }
  expect(
    web.max,
    `fetch_all(9 URLs, fetch, max_workers=3) should have 3 calls in flight at once and never more` +
      (web.max > 3 ? `, but ${web.max} were in flight at once. ${why}` : `. ${overlapStory(web, 3)}`),
  ).toBe(3);
  expect(
    web.threads,
    `fetch ran on ${web.threads} different threads, but a pool of max_workers=3 has 3. Every thread is an OS thread ` +
      'with its own stack: a thread per URL, even one that waits its turn, does not scale to thousands of URLs. Let the pool’s threads run the calls.',
  ).toBeLessThanOrEqual(3);
  const expected9 = await py.value<string[]>('pages(urls(9))');
  expect(outcome.result, `the 9 pages should come back in order. ${whatCameBack(outcome, expected9)}`).toEqual(expected9);
});

test('fewer URLs than max_workers: all of them run at once', async () => {
  await py.exec(`
    web = FakeWeb(meet=3)
    outcome = run(urls(3), web.fetch, max_workers=8)
  `);
  const outcome = await py.value<Outcome>('outcome');
  const web = await py.value<WebReport>('web.report()');
  const expected3 = await py.value<string[]>('pages(urls(3))');
  expect(outcome.result, `fetch_all(3 URLs, fetch, max_workers=8) should return the 3 pages in order. ${whatCameBack(outcome, expected3)}`).toEqual(expected3);
  expect(web.max, `with 3 URLs and max_workers=8, all 3 calls should be in flight at once. ${overlapStory(web, 3)}`).toBe(3);
});

test('an empty list of URLs gives an empty list, without calling fetch', async () => {
  await py.exec(`
    web = FakeWeb()
    outcome = run([], web.fetch)
  `);
  const outcome = await py.value<Outcome>('outcome');
  const why = outcome.raised?.startsWith('ValueError')
    ? ' ThreadPoolExecutor refuses max_workers=0: a pool sized by the number of URLs has no workers for an empty list. Give the pool max_workers as it is.'
    : '';
  expect(outcome.result, `fetch_all([], fetch) should return []. ${whatCameBack(outcome)}${why}`).toEqual([]);
  expect(await py.value('web.calls'), 'fetch_all([], fetch) should never call fetch').toEqual([]);
});

test('max_workers=1 fetches one URL at a time, in order, on one thread', async () => {
  await py.exec(`
    web = FakeWeb()
    outcome = run(urls(5), web.fetch, max_workers=1)
  `);
  const outcome = await py.value<Outcome>('outcome');
  const web = await py.value<WebReport>('web.report()');
  const expected5 = await py.value<string[]>('pages(urls(5))');
  expect(outcome.result, `fetch_all(5 URLs, fetch, max_workers=1) should return the 5 pages in order. ${whatCameBack(outcome, expected5)}`).toEqual(expected5);
  expect(web.calls, 'with one worker, the URLs should be fetched in the order given').toEqual(await py.value('urls(5)'));
  expect(
    { max: web.max, threads: web.threads },
    `with max_workers=1, fetch should run one call at a time on a single thread, but it ran on ${web.threads} ` +
      `thread(s) with up to ${web.max} call(s) in flight at once: give the pool max_workers and let it run every call`,
  ).toEqual({ max: 1, threads: 1 });
});

test('results come back in the order of the URLs even when later URLs finish first', async () => {
  // /item/3 returns at once; /item/2 waits until /item/3 has finished, /item/1
  // until /item/2 has, and /item/0 until /item/1 has: they finish in reverse.
  await py.exec(`
    class ReverseWeb:
        def __init__(self, n):
            self.n = n
            self.done = [threading.Event() for _ in range(n)]
            self.finished = []
            self.lock = threading.Lock()
            self.gave_up = False

        def fetch(self, url):
            with kit.timeline.span(url):
                i = int(url.rsplit("/", 1)[1])
                if i + 1 < self.n and not self.gave_up and not self.done[i + 1].wait(WAIT):
                    self.gave_up = True
                with self.lock:
                    self.finished.append(url)
                self.done[i].set()
                return f"<page {url}>"

    web = ReverseWeb(4)
    outcome = run(urls(4), web.fetch, max_workers=4)
  `);
  const outcome = await py.value<Outcome>('outcome');
  const finished = await py.value<string[]>('web.finished');
  const reversed = JSON.stringify(finished) === JSON.stringify(['/item/3', '/item/2', '/item/1', '/item/0']);
  const expected = await py.value<string[]>('pages(urls(4))');
  let why = whatCameBack(outcome);
  if (!reversed)
    why += ` The calls could not finish in reverse (they finished ${finished.join(', ')}): they did not overlap, so each waited for a call that had not started.`;
  else if (JSON.stringify(outcome.result) === JSON.stringify([...expected].reverse()))
    why += ' The results are in the order the calls finished: collect them by the position of their URL (pool.map does), not with as_completed.';
  expect(
    outcome.result,
    `four URLs whose calls finish last-to-first should still give their pages in the order of the URLs. ${why}`,
  ).toEqual(expected);
});

test('a URL that appears twice is fetched twice, and both results are in place', async () => {
  await py.exec(`
    web = FakeWeb()
    twice = ["/a", "/b", "/a", "/c"]
    outcome = run(twice, web.fetch, max_workers=4)
  `);
  const outcome = await py.value<Outcome>('outcome');
  const calls = await py.value<string[]>('web.calls');
  expect(
    calls.length,
    `fetch_all(["/a", "/b", "/a", "/c"], fetch) should call fetch once per item, 4 times, but called it ${calls.length} ` +
      `times (${calls.join(', ')}). A repeated URL still gets its own call: something keyed by URL (a dict, a set) keeps only one of them.`,
  ).toBe(4);
  const expected = await py.value<string[]>('pages(twice)');
  expect(
    outcome.result,
    `fetch_all(["/a", "/b", "/a", "/c"], fetch) should give 4 results, one per position. ${whatCameBack(outcome, expected)}`,
  ).toEqual(expected);
});

test('urls can be any iterable, such as a generator', async () => {
  const outcome = await py.value<Outcome>('run((url for url in urls(5)), FakeWeb().fetch, max_workers=2)');
  const expected = await py.value<string[]>('pages(urls(5))');
  let why = whatCameBack(outcome, expected);
  if (outcome.raised?.startsWith('TypeError'))
    why += ' A generator has no len() and cannot be indexed: only iterate over urls (once).';
  else if (outcome.result !== undefined && outcome.result.length < 5)
    why += ' A generator can be iterated only once: iterate over urls a single time.';
  expect(outcome.result, `fetch_all(a generator of 5 URLs, fetch, max_workers=2) should return the 5 pages. ${why}`).toEqual(expected);
});

test('an exception raised by fetch reaches the caller with its own type and message', async () => {
  await py.exec(`
    web = FakeWeb(fail={"/item/2"})
    outcome = run(urls(5), web.fetch, max_workers=2)
  `);
  const outcome = await py.value<Outcome>('outcome');
  let why = '';
  if (outcome.result !== undefined)
    why = `fetch_all returned ${JSON.stringify(outcome.result)} instead: the error was swallowed. Let future.result() (or pool.map) raise it.`;
  else if (outcome.exceptions_in_list !== undefined)
    why = `fetch_all returned the exception inside its list (${outcome.exceptions_in_list}) instead of raising it.`;
  else if (outcome.not_list !== undefined)
    why = `fetch_all returned a ${outcome.not_list} without raising: an iterator raises only when someone iterates it, after fetch_all has returned. Collect the results into a list inside fetch_all.`;
  else if (outcome.raised !== undefined && !outcome.raised.startsWith('FetchFailed'))
    why =
      `fetch_all raised ${outcome.raised}` +
      (outcome.cause?.startsWith('FetchFailed') ? ', wrapping the FetchFailed: let the original exception propagate.' : '.');
  else if (outcome.raised === undefined) why = whatCameBack(outcome);
  expect(
    outcome.raised,
    `fetch raised FetchFailed("503 Service Unavailable from /item/2"); fetch_all should raise that same exception. ${why}`,
  ).toBe('FetchFailed: 503 Service Unavailable from /item/2');
  await expectRaises(py.exec('ex.fetch_all(urls(3), FakeWeb(fail={"/item/0"}).fetch)'), 'FetchFailed', 'the original exception type');
});

/** Checks that no thread fetch_all started, and no thread that ran fetch, is alive once it returned or raised. */
async function expectPoolShutDown(fail: string, ending: string): Promise<void> {
  await py.exec(`
    web = FakeWeb(fail=${fail})
    with PoolWatch() as watch:
        outcome = run(urls(6), web.fetch, max_workers=3)
        leftovers = sorted({*watch.leftovers(), *(t.name for t in web.threads if t.is_alive() and t is not web.caller)})
        pools = watch.report()
  `);
  const leftovers = await py.value<string[]>('leftovers');
  const pools = await py.value<{ pools: string[]; shutdowns: boolean[] }>('pools');
  let why = '';
  if (pools.pools.length > 0 && pools.shutdowns.length === 0)
    why = `shutdown() was never called on ${pools.pools.join(', ')}: use the pool in a \`with\` block, which shuts it down however the block ends.`;
  else if (pools.shutdowns.includes(false))
    why = 'shutdown(wait=False) returns before the worker threads have finished: let shutdown wait (the `with` block does).';
  else if (pools.pools.length === 0)
    why = 'This call created no ThreadPoolExecutor, so the threads come from somewhere else (a pool kept from an earlier call?): create the pool inside fetch_all and shut it down before returning.';
  expect(
    leftovers,
    `after fetch_all ${ending}, no thread it used should still be alive, but ${leftovers.join(', ')} ${leftovers.length === 1 ? 'was' : 'were'}. ${why}`,
  ).toEqual([]);
}

test('the pool is shut down when fetch_all returns: no worker thread is left alive', async () => {
  await expectPoolShutDown('()', 'returned');
  const outcome = await py.value<Outcome>('outcome');
  const expected = await py.value<string[]>('pages(urls(6))');
  expect(outcome.result, `fetch_all(6 URLs, fetch, max_workers=3) should return the 6 pages. ${whatCameBack(outcome, expected)}`).toEqual(expected);
});

test('the pool is shut down when fetch raised: no worker thread is left alive', async () => {
  await expectPoolShutDown('{"/item/1"}', 'raised');
  const outcome = await py.value<Outcome>('outcome');
  expect(outcome.raised, `fetch_all should raise the FetchFailed that fetch raised. ${whatCameBack(outcome)}`).toBe(
    'FetchFailed: 503 Service Unavailable from /item/1',
  );
});
