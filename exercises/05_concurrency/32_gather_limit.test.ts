import { beforeEach, expect, test } from 'vitest';
import { PyObject, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url, { fakeTime: true });

// The suite never waits for real time. `run(main())` is asyncio.run on a loop
// that lives on the fake clock: when every task is waiting, the clock jumps to
// the next timer instead of the process sleeping. So `settle()` (a 1 s sleep on
// that clock) means "let every task run until each one waits for something only
// the test can give", and a wait bounded by PATIENCE that never ends costs no
// real time either: a wrong solution fails at once instead of hanging.
//
// Service is the fake backend. Its `fetch(url)` records that it started, then
// waits at a gate (an asyncio.Event) until the test opens it with
// `release(url)` or `open_all()`, then returns "body of <url>" (or raises the
// error given for that URL in `fail`). It keeps the URLs in flight right now,
// the most that were ever in flight at once, and a log of starts, finishes,
// cancellations (the fake catches CancelledError, notes it, and re-raises) and
// failures, in the order they happened.
//
// `drive(urls, limit, pick)` starts fetch_many in a task and then, each time
// everything has settled, notes which fetches are in flight and which URLs
// have not started yet, and releases the URLs that pick(in_flight) returns.
const SETUP = `
  import asyncio, inspect, selectors

  class VirtualTimeSelector(selectors.DefaultSelector):
      def select(self, timeout=None):
          ready = super().select(0)
          if ready or timeout is None:
              return ready or super().select(timeout)
          clock.advance(max(timeout, 0))
          return []

  def run(main):
      return asyncio.run(main, loop_factory=lambda: asyncio.SelectorEventLoop(VirtualTimeSelector()))

  PATIENCE = 600  # seconds on the fake clock: far longer than anything here should take

  async def settle():
      await asyncio.sleep(1)

  class Service:
      def __init__(self, fail=None):
          self.fail = dict(fail or {})
          self.gates = {}
          self.all_open = False
          self.in_flight = []
          self.most = 0
          self.started = []
          self.finished = []
          self.cancelled = []
          self.log = []

      def gate(self, url):
          return self.gates.setdefault(url, asyncio.Event())

      async def fetch(self, url):
          with kit.timeline.span(url):
              self.started.append(url)
              self.log.append(("start", url))
              self.in_flight.append(url)
              self.most = max(self.most, len(self.in_flight))
              gate = self.gate(url)
              if self.all_open:
                  gate.set()
              try:
                  await gate.wait()
              except asyncio.CancelledError:
                  self.cancelled.append(url)
                  self.log.append(("cancel", url))
                  raise
              finally:
                  self.in_flight.remove(url)
              if url in self.fail:
                  self.log.append(("fail", url))
                  raise self.fail[url]
              self.finished.append(url)
              self.log.append(("finish", url))
              return f"body of {url}"

      def release(self, *urls):
          for url in urls:
              self.gate(url).set()

      def open_all(self):
          self.all_open = True
          self.release(*self.gates)

  def ended(job):
      """How fetch_many's task ended, as data the suite can read."""
      if job.cancelled():
          return {"kind": "cancelled"}
      error = job.exception()
      if error is None:
          return {"kind": "returned", "value": job.result()}
      return {"kind": "raised", "type": type(error).__name__, "repr": repr(error)}

  async def finish(job):
      """Wait for fetch_many's task, at most PATIENCE on the fake clock."""
      done, _ = await asyncio.wait([job], timeout=PATIENCE)
      if not done:
          job.cancel()
          return {"kind": "stuck"}
      return ended(job)

  async def drive(urls, limit, pick, service=None):
      service = service or Service()
      job = asyncio.create_task(ex.fetch_many(urls, service.fetch, limit))
      steps = []
      for _ in range(2 * len(urls) + 2):
          await settle()
          step = {"in_flight": list(service.in_flight), "not_started": [u for u in urls if u not in service.started]}
          steps.append(step)
          if job.done() or not service.in_flight:
              break
          step["released"] = list(pick(service.in_flight))
          service.release(*step["released"])
      service.open_all()
      outcome = await finish(job)
      return {"outcome": outcome, "steps": steps, "most": service.most, "finished": service.finished}

  def urls(n):
      return [f"{chr(ord('a') + i)}.test" for i in range(n)]

  def bodies(urls):
      return [f"body of {url}" for url in urls]
`;

beforeEach(async () => {
  await py.exec(SETUP);
});

type Outcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'raised'; type: string; repr: string }
  | { kind: 'stuck' }
  | { kind: 'cancelled' };

interface Step {
  in_flight: string[];
  not_started: string[];
  /** What the test released after this step. */
  released?: string[];
}

interface Drive {
  outcome: Outcome;
  steps: Step[];
  most: number;
  finished: string[];
}

function show(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'returned':
      return `it returned ${JSON.stringify(outcome.value)}`;
    case 'raised':
      return `it raised ${outcome.repr}`;
    case 'stuck':
      return 'it never finished (the suite gave up waiting, on its fake clock, long after every fetch had been released)';
    case 'cancelled':
      return 'its task was cancelled';
  }
}

/** The number in flight at each step, and the number there should have been. */
function flow(steps: Step[], limit: number): { seen: number[]; wanted: number[] } {
  const seen = steps.map((step) => step.in_flight.length);
  const wanted = steps.map((step) => Math.min(limit, step.in_flight.length + step.not_started.length));
  return { seen, wanted };
}

/** What an outcome shows about its cause, when it shows one: a semaphore from an earlier loop, unawaited coroutines. */
function causeShown(outcome: Outcome): string {
  if (outcome.kind === 'raised' && outcome.repr.includes('different event loop'))
    return (
      ' An asyncio.Semaphore that already made a task wait belongs to that event loop: one kept from an earlier ' +
      'call (at module level, or cached) fails in the next asyncio.run. Create a new one inside each call.'
    );
  if (outcome.kind === 'returned' && Array.isArray(outcome.value) && outcome.value.some((item) => item instanceof PyObject && item.type === 'coroutine'))
    return (
      ' The list holds coroutine objects: calling an async function only creates a coroutine, which does ' +
      'nothing until it is awaited. Await fetch(url) inside the semaphore block.'
    );
  return '';
}

/** When the results came back in the order the fetches finished, say so. */
function completionOrder(outcome: Outcome, finished: string[]): string {
  const completion = finished.map((url) => `body of ${url}`);
  return outcome.kind === 'returned' && JSON.stringify(outcome.value) === JSON.stringify(completion)
    ? ' The results are in the order the fetches finished: appending each result as it arrives (or ' +
        'asyncio.as_completed) gives completion order. asyncio.gather returns them in the order of its arguments; ' +
        'a worker pool can store each result at the index of its URL.'
    : '';
}

/** Fail at once, with what happened, when fetch_many ended without returning. */
function expectNotBroken(outcome: Outcome, what: string): void {
  if (outcome.kind === 'returned') return;
  expect.fail(`${what}: fetch_many should return the results, but ${show(outcome)}.${causeShown(outcome)}`);
}

function expectReturned(outcome: Outcome, expected: string[], what: string): void {
  expect(outcome, `${what}: fetch_many should return ${JSON.stringify(expected)}, but ${show(outcome)}.${causeShown(outcome)}`).toEqual({
    kind: 'returned',
    value: expected,
  });
}

test('fetch_many is an async def', async () => {
  const kind = await py.value<string>(`
    "coroutine function" if inspect.iscoroutinefunction(ex.fetch_many) else type(ex.fetch_many).__name__
  `);
  expect(
    kind,
    'fetch_many should be defined with `async def`, so that callers `await fetch_many(...)` and it can await the ' +
      `fetches inside; it is a ${kind}. A plain def returning asyncio.gather(...) (like a TS function returning ` +
      'Promise.all(...)) runs its checks when called instead of when awaited.',
  ).toBe('coroutine function');
});

test('fetches every URL and returns the results in the order of urls', async () => {
  await py.exec(`
    service = Service()
    service.all_open = True
    async def main():
        return await finish(asyncio.create_task(ex.fetch_many(urls(4), service.fetch, 2)))
    outcome = run(main())
  `);
  const outcome = await py.value<Outcome>('outcome');
  const expected = await py.value<string[]>('bodies(urls(4))');
  expectReturned(outcome, expected, 'with every fetch answering at once');
  expect(
    await py.value('sorted(service.started)'),
    'fetch should be called exactly once for each URL',
  ).toEqual(await py.value('urls(4)'));
});

test('at most `limit` fetches are in flight, and `limit` of them while enough URLs are left', async () => {
  await py.exec(`
    run_ = run(drive(urls(7), 3, lambda in_flight: in_flight))
  `);
  const result = await py.value<Drive>('run_');
  expectNotBroken(result.outcome, 'fetch_many(7 URLs, fetch, limit=3)');
  const { seen, wanted } = flow(result.steps, 3);
  let why = '';
  if (result.most === 1)
    why =
      'The fetches ran one after another (observed max in flight 1): each fetch was awaited before the next one ' +
      'started. Start them all (asyncio.create_task, or asyncio.gather over the coroutines) and let the semaphore ' +
      'hold back the ones beyond the limit.';
  else if (result.most > 3)
    why =
      `${result.most} fetches were in flight at once${result.most === 7 ? ', all of them: nothing held them back' : ''}. ` +
      'The semaphore must be acquired by ' +
      'each task around `await fetch(url)` itself (`async with semaphore:` with the await inside the block), ' +
      'one semaphore shared by all the tasks of the call, not one per task.';
  else if (seen.every((count, i) => count === Math.min(result.most, wanted[i]!)))
    why =
      `Never more than ${result.most} fetches ran at once, although URLs were waiting: the bound in use is ` +
      `${result.most}, not this call’s limit of 3. Make the semaphore from this call’s \`limit\`, inside fetch_many ` +
      '(one kept from an earlier call keeps that call’s limit).';
  else
    why =
      'Fewer fetches than the limit were running while URLs were still waiting: every URL should be waiting for ' +
      'a slot of the semaphore as soon as fetch_many starts.';
  expect(
    { most: result.most, 'in flight at each step': seen },
    `fetch_many(7 URLs, fetch, limit=3), releasing every fetch in flight each time they had all settled, should ` +
      `never have more than 3 in flight, and ${wanted.join(', ')} in flight at the successive steps; there were ` +
      `${seen.join(', ')} (the most at one moment: ${result.most}). ${why}`,
  ).toEqual({ most: 3, 'in flight at each step': wanted });
  expectReturned(result.outcome, await py.value<string[]>('bodies(urls(7))'), 'after releasing every fetch');
});

test('a slow fetch holds up nobody: when any fetch finishes, the next URL starts at once', async () => {
  await py.exec(`
    slow = []
    def all_but_the_slow_one(in_flight):
        # The first fetch to start stays slow: release the oldest of the others,
        # and the slow one only when it is alone.
        if not slow:
            slow.append(in_flight[0])
        others = [url for url in in_flight if url != slow[0]]
        return others[:1] or in_flight
    run_ = run(drive(urls(7), 3, all_but_the_slow_one))
  `);
  const result = await py.value<Drive>('run_');
  const slow = await py.value<string>('slow[0] if slow else "none"');
  await py.recordTimeline(`7 URLs, limit=3, ${slow} slow: the other slots keep working`);
  expectNotBroken(result.outcome, 'fetch_many(7 URLs, fetch, limit=3) with one slow fetch');
  const { seen, wanted } = flow(result.steps, 3);
  // Where it first went wrong, in words.
  const at = seen.findIndex((count, i) => count !== wanted[i]);
  let why = '';
  if (at > 0) {
    const step = result.steps[at]!;
    const before = result.steps[at - 1]!;
    const newcomers = step.in_flight.filter((url) => !before.in_flight.includes(url));
    why =
      `When ${(before.released ?? []).join(', ')} finished, ${newcomers.length === 0 ? 'no new fetch started' : `only ${newcomers.join(', ')} started`}: ` +
      `${step.in_flight.join(', ') || 'nothing'} ${step.in_flight.length === 1 ? 'was' : 'were'} in flight while ` +
      `${step.not_started.length} URL(s) waited, so a slot stayed idle. If you cut urls into batches of ` +
      '`limit` and gather each batch, the slowest fetch of a batch holds up the whole next batch; with one ' +
      'semaphore for all the tasks, a freed slot is taken by the next waiting URL at once.';
  } else if (result.most === 1) why = 'The fetches ran one after another (observed max in flight 1).';
  else if (result.most > 3) why = `${result.most} fetches were in flight at once: more than the limit.`;
  expect(
    seen,
    `fetch_many(7 URLs, fetch, limit=3) with ${slow} kept slow while the others were released one at a time: ` +
      `the fetches in flight at each step should number ${wanted.join(', ')}, but they were ${seen.join(', ')}. ${why}`,
  ).toEqual(wanted);
  const expected = await py.value<string[]>('bodies(urls(7))');
  expect(
    result.outcome,
    `once every fetch was released, fetch_many should return ${JSON.stringify(expected)}, but ${show(result.outcome)}.` +
      completionOrder(result.outcome, result.finished),
  ).toEqual({ kind: 'returned', value: expected });
});

test('the results follow the order of urls even when later URLs finish first', async () => {
  await py.exec(`
    run_ = run(drive(urls(6), 3, lambda in_flight: in_flight[-1:]))
  `);
  const result = await py.value<Drive>('run_');
  expectNotBroken(result.outcome, 'fetch_many(6 URLs, fetch, limit=3)');
  const expected = await py.value<string[]>('bodies(urls(6))');
  const why = completionOrder(result.outcome, result.finished);
  expect(
    result.outcome,
    `fetch_many(6 URLs, fetch, limit=3), releasing the newest fetch first, so they finished in the order ` +
      `${result.finished.join(', ')}: it should return ${JSON.stringify(expected)}, but ${show(result.outcome)}.${why}`,
  ).toEqual({ kind: 'returned', value: expected });
});

test('a limit larger than the number of URLs fetches all of them at once', async () => {
  await py.exec(`
    run_ = run(drive(urls(3), 10, lambda in_flight: in_flight))
  `);
  const result = await py.value<Drive>('run_');
  expectNotBroken(result.outcome, 'fetch_many(3 URLs, fetch, limit=10)');
  const first = result.steps[0]?.in_flight.length ?? 0;
  expect(
    first,
    `fetch_many(3 URLs, fetch, limit=10) should start all 3 fetches at once, but ${first} ${first === 1 ? 'was' : 'were'} in flight` +
      (first === 1 ? ' (observed max in flight 1): the fetches ran one after another.' : '.'),
  ).toBe(3);
  expectReturned(result.outcome, await py.value<string[]>('bodies(urls(3))'), 'with limit=10 and 3 URLs');
});

test('limit=1 is allowed and fetches one URL at a time', async () => {
  await py.exec(`
    run_ = run(drive(urls(3), 1, lambda in_flight: in_flight))
  `);
  const result = await py.value<Drive>('run_');
  if (result.outcome.kind === 'raised' && result.outcome.type === 'ValueError')
    expect.fail(`fetch_many(3 URLs, fetch, limit=1) raised ${result.outcome.repr}: a limit of 1 is valid (one at a time); only a limit below 1 is refused.`);
  expectNotBroken(result.outcome, 'fetch_many(3 URLs, fetch, limit=1)');
  expect(result.most, `with limit=1, at most one fetch may be in flight, but ${result.most} were`).toBe(1);
  expectReturned(result.outcome, await py.value<string[]>('bodies(urls(3))'), 'with limit=1');
});

test('an empty list of URLs gives [] without calling fetch', async () => {
  await py.exec(`
    service = Service()
    async def main():
        return await finish(asyncio.create_task(ex.fetch_many([], service.fetch, 3)))
    outcome = run(main())
  `);
  const outcome = await py.value<Outcome>('outcome');
  expect(outcome, `fetch_many([], fetch, 3) should return [], but ${show(outcome)}.${causeShown(outcome)}`).toEqual({
    kind: 'returned',
    value: [],
  });
  expect(await py.value('service.started'), 'with no URLs, fetch must not be called').toEqual([]);
});

test('a limit below 1 raises ValueError when awaited, before any fetch starts', async () => {
  await py.exec(`
    async def attempt(limit):
        service = Service()
        service.all_open = True
        job = asyncio.create_task(ex.fetch_many(urls(3), service.fetch, limit))
        outcome = await finish(job)
        await settle()  # anything fetch_many left scheduled gets its chance to start
        return {"outcome": outcome, "started": service.started}
    async def main():
        return {"0": await attempt(0), "-2": await attempt(-2)}
    attempts = run(main())
  `);
  const attempts = await py.value<Record<string, { outcome: Outcome; started: string[] }>>('attempts');
  for (const [limit, { outcome, started }] of Object.entries(attempts)) {
    let why = '';
    if (outcome.kind === 'stuck')
      why =
        (limit === '0' ? ' A semaphore made with 0 slots (asyncio.Semaphore(0) is allowed) never lets a task in.' : '') +
        ' Check `limit < 1` first thing and raise ValueError.';
    else if (outcome.kind === 'returned') why = ' Check `limit < 1` first thing and raise ValueError.';
    expect(
      outcome.kind === 'raised' ? outcome.type : outcome.kind,
      `awaiting fetch_many(3 URLs, fetch, limit=${limit}) should raise ValueError, but ${show(outcome)}.${why}`,
    ).toBe('ValueError');
    expect(
      started,
      `fetch_many(..., limit=${limit}) raised ValueError, but fetch was still called for ${started.join(', ')}: ` +
        'something was started before the check. Check the limit before creating any task.',
    ).toEqual([]);
  }
});

test('an exception from fetch reaches the caller unchanged, and the other fetches are cancelled', async () => {
  await py.exec(`
    down = ConnectionError("b.test is down")
    service = Service(fail={"b.test": down})
    async def main():
        job = asyncio.create_task(ex.fetch_many(urls(6), service.fetch, 3))
        await settle()
        service.release("b.test")
        await settle()
        raised_at_once = job.done() if ("fail", "b.test") in service.log else None
        service.open_all()
        outcome = await finish(job)
        error = job.exception() if job.done() and not job.cancelled() else None
        await settle()  # let the cancelled fetches, if any, see their cancellation
        fail_at = service.log.index(("fail", "b.test")) if ("fail", "b.test") in service.log else len(service.log)
        after = service.log[fail_at + 1:]
        running = []  # the fetches in flight when b.test failed
        for what, url in service.log[:fail_at]:
            if what == "start":
                running.append(url)
            elif url in running:
                running.remove(url)
        return {
            "outcome": outcome,
            "same error": error is down,
            "group holds it": isinstance(error, BaseExceptionGroup) and down in error.exceptions,
            "returned it": outcome["kind"] == "returned" and down in outcome["value"],
            "in flight at failure": [url for url in running if url != "b.test"],
            "raised at once": raised_at_once,
            "finished after": [url for what, url in after if what == "finish"],
            "started after": [url for what, url in after if what == "start"],
            "cancelled": service.cancelled,
        }
    seen = run(main())
    if seen["returned it"]:
        seen["outcome"]["value"] = [repr(item) for item in seen["outcome"]["value"]]
  `);
  const seen = await py.value<{
    outcome: Outcome;
    'same error': boolean;
    'group holds it': boolean;
    'returned it': boolean;
    'in flight at failure': string[];
    'raised at once': boolean | null;
    'finished after': string[];
    'started after': string[];
    cancelled: string[];
  }>('seen');
  let why = '';
  if (seen['group holds it'])
    why =
      ' It raised an ExceptionGroup holding the ConnectionError: that is what a TaskGroup raises. This exercise ' +
      'promises the fetch’s own exception, as `await fetch(url)` would raise it: catch the group and re-raise ' +
      'its first exception, or use asyncio.gather, which raises the first error as it is.';
  else if (seen['returned it'])
    why =
      ' The ConnectionError came back as an item of the result list (gather with return_exceptions=True): ' +
      'let it propagate instead.';
  else if (causeShown(seen.outcome)) why = causeShown(seen.outcome);
  else if (seen.outcome.kind === 'raised') why = ' Let the exception from fetch propagate as it is, without wrapping it.';
  else if (seen.outcome.kind === 'stuck')
    why =
      ' It was still waiting after the failure, for work that can no longer happen (a worker that died with the ' +
      'error never marks its item done, for instance, so a queue.join() waits forever).';
  expect(
    seen['same error'],
    `fetch("b.test") raised ConnectionError('b.test is down'): fetch_many should raise that very exception, but ` +
      `${show(seen.outcome)}.${why}`,
  ).toBe(true);
  expect(
    seen['raised at once'] === false ? 'after the others' : 'at once',
    `b.test failed while ${seen['in flight at failure'].join(' and ')} ${seen['in flight at failure'].length === 1 ? 'was' : 'were'} still in flight, ` +
      'and fetch_many did not raise until those were released too: it waited for the other fetches before ' +
      'reporting the failure. Raise as soon as one fetch fails.',
  ).toBe('at once');
  const keptGoing = seen['finished after'];
  expect(
    keptGoing,
    `after b.test failed, no other fetch should run to completion (fetch_many cancels them), but ` +
      `${keptGoing.join(', ')} still finished` +
      (seen['started after'].length > 0 ? `, and ${seen['started after'].join(', ')} started after the failure` : '') +
      '. Nothing stopped them: asyncio.gather, like Promise.all, does not cancel the other tasks when one fails. ' +
      'Keep the tasks you created and call .cancel() on each once one has failed (a try/finally around the gather).',
  ).toEqual([]);
  const notCancelled = seen['in flight at failure'].filter((url) => !seen.cancelled.includes(url));
  expect(
    notCancelled,
    `${notCancelled.join(' and ')} ${notCancelled.length === 1 ? 'was' : 'were'} in flight when b.test failed and ` +
      `should have been cancelled (the fake fetch saw CancelledError only for ${seen.cancelled.join(', ') || 'none'}).`,
  ).toEqual([]);
});

test('two fetch_many calls running at the same time each get their own limit', async () => {
  await py.exec(`
    async def main():
        first, second = Service(), Service()
        jobs = [
            asyncio.create_task(ex.fetch_many(urls(4), first.fetch, 2)),
            asyncio.create_task(ex.fetch_many([f"x{url}" for url in urls(4)], second.fetch, 2)),
        ]
        await settle()
        counts = [len(first.in_flight), len(second.in_flight)]
        first.open_all()
        second.open_all()
        return {"counts": counts, "outcomes": [await finish(job) for job in jobs]}
    seen = run(main())
  `);
  const seen = await py.value<{ counts: number[]; outcomes: Outcome[] }>('seen');
  for (const outcome of seen.outcomes) expectNotBroken(outcome, 'two calls of fetch_many(4 URLs, fetch, limit=2) at once');
  const total = seen.counts.reduce((a, b) => a + b, 0);
  expect(
    seen.counts,
    `two calls of fetch_many(4 URLs, fetch, limit=2) running at once should have 2 fetches in flight each, but ` +
      `they had ${seen.counts.join(' and ')}.` +
      (total === 2
        ? ' Together they never went past one limit: the two calls share one semaphore. A semaphore made at module ' +
          'level (like a p-limit instance in a TS module) is shared by every caller; create it inside fetch_many.'
        : ''),
  ).toEqual([2, 2]);
});

test('fetch_many works again in a new event loop, with a new limit', async () => {
  await py.exec(`
    def one_run(limit):
        service = Service()
        async def main():
            job = asyncio.create_task(ex.fetch_many(urls(5), service.fetch, limit))
            await settle()
            service.open_all()
            return await finish(job)
        return {"limit": limit, "outcome": run(main()), "most": service.most}
    runs = [one_run(2), one_run(3), one_run(2)]
  `);
  const runs = await py.value<{ limit: number; outcome: Outcome; most: number }[]>('runs');
  for (const [i, { limit, outcome, most }] of runs.entries()) {
    expect(
      outcome.kind,
      `call ${i + 1} of 3 (each in its own asyncio.run), fetch_many(5 URLs, fetch, limit=${limit}): ${show(outcome)}.` +
        causeShown(outcome),
    ).toBe('returned');
    expect(
      most,
      `call ${i + 1} of 3 (each in its own asyncio.run), fetch_many(5 URLs, fetch, limit=${limit}) had ${most} ` +
        `fetches in flight at most, not ${limit}.` +
        (i > 0 && most === runs[i - 1]!.limit && most !== limit
          ? ` That is the previous call’s limit: the semaphore is kept between calls. Create it inside fetch_many, from this call’s limit.`
          : ''),
    ).toBe(limit);
  }
});
