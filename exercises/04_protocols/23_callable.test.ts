import { beforeEach, expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// The suite never waits for real time. FakeClock is the `clock=` every test
// passes in: calling it returns `now` (and counts the read); `advance(s)` moves
// it on. `limiter_with(per_second)` builds a limiter on a fresh clock, and
// `hit` is a function it decorates that records each real call in `ran`.
// `attempts(fn, n)` calls fn n times and returns what each call did: "ok",
// "limited" (RateLimited), or the name of any other exception.
// `refuses_plain_calls()` checks the basics on a fresh limiter, so that a
// message blames a specific cause only when the basics work.
// All rates and times are powers of two, so the float arithmetic is exact.
beforeEach(async () => {
  await py.exec(`
    import asyncio
    import inspect
    import time

    class FakeClock:
        def __init__(self, now=1000.0):
            self.now = now
            self.reads = 0

        def __call__(self):
            self.reads += 1
            return self.now

        def advance(self, seconds):
            self.now += seconds

    def attempts(fn, n=1, *args, **kwargs):
        outcomes = []
        for _ in range(n):
            try:
                fn(*args, **kwargs)
                outcomes.append("ok")
            except ex.RateLimited:
                outcomes.append("limited")
            except Exception as exc:
                outcomes.append(type(exc).__name__)
        return outcomes

    ran = []

    def limiter_with(per_second):
        global clock, limiter, hit
        clock = FakeClock()
        limiter = ex.RateLimiter(per_second, clock=clock)

        @limiter
        def hit():
            ran.append(clock.now)

        return limiter

    def refuses_plain_calls():
        """Control probe: does a fresh RateLimiter(2) refuse the third of three quick calls?"""
        probe = ex.RateLimiter(2, clock=FakeClock())
        return attempts(probe(lambda: None), 3) == ["ok", "ok", "limited"]
  `);
});

/** Outcomes as a short readable list, for messages. */
function show(outcomes: unknown): string {
  return Array.isArray(outcomes) ? `[${outcomes.join(', ')}]` : String(outcomes);
}

test('RateLimited is an exception class defined by the module', async () => {
  expect(
    await py.value('isinstance(ex.RateLimited, type) and issubclass(ex.RateLimited, Exception)'),
    `ex.RateLimited should be a class deriving from Exception, but it is ${await py.value('repr(ex.RateLimited)')}`,
  ).toBe(true);
});

test('a full bucket allows a burst of per_second calls, and the next one raises RateLimited', async () => {
  await py.exec('limiter_with(4)');
  const outcomes = await py.value<string[]>('attempts(hit, 6)');
  const allowed = outcomes.filter((o) => o === 'ok').length;
  let why = '';
  if (outcomes[0] === 'limited') why = 'The very first call was refused: the bucket must start full (per_second tokens).';
  else if (allowed === 6) why = 'No call was refused: each call must take a token, and a call with less than one token left raises RateLimited.';
  else if (outcomes.some((o) => o !== 'ok' && o !== 'limited'))
    why = 'A call raised something other than RateLimited: raise the RateLimited class defined in the module.';
  expect(
    outcomes,
    `RateLimiter(4) called 6 times at the same instant should allow 4 calls and refuse the next 2, ` +
      `but the calls went ${show(outcomes)}. ${why}`,
  ).toEqual(['ok', 'ok', 'ok', 'ok', 'limited', 'limited']);
});

test('a refused call raises RateLimited before the function runs', async () => {
  await py.exec(`
    limiter_with(2)
    outcomes = attempts(hit, 3)
  `);
  const outcomes = await py.value<string[]>('outcomes');
  expect(outcomes, `RateLimiter(2): 3 quick calls should go [ok, ok, limited], but went ${show(outcomes)}`).toEqual([
    'ok',
    'ok',
    'limited',
  ]);
  const ran = await py.value<number>('len(ran)');
  expect(
    ran,
    `the third call raised RateLimited, yet the decorated function ran ${ran} times instead of 2. ` +
      'Check for a token first and raise before calling fn: a limiter that calls first has already done the work it should prevent.',
  ).toBe(2);
});

test('after half a second, half of the tokens are back (the refill is continuous)', async () => {
  await py.exec(`
    limiter_with(4)
    burst = attempts(hit, 4)
    clock.advance(0.5)
    reads_before = clock.reads
    after_half = attempts(hit, 3)
    reads_during = clock.reads - reads_before
    clock.advance(0.5)
    after_full = attempts(hit, 1)
  `);
  const seen = await py.value<Record<string, string[]>>(
    '{"burst": burst, "after_half": after_half, "reads_during": [reads_during], "after_full": after_full}',
  );
  expect(seen.burst, 'RateLimiter(4) should allow the first 4 calls').toEqual(['ok', 'ok', 'ok', 'ok']);
  const afterHalf = seen.after_half!;
  const readsDuring = Number(seen.reads_during![0]);
  const afterFull = seen.after_full!;
  let why = '';
  if (readsDuring === 0)
    why = 'Your limiter never called clock() during those calls: read the clock on every call to know how much time has passed.';
  else if (afterHalf[0] === 'limited' && afterFull[0] === 'ok')
    why =
      'Calls were allowed again after a whole second but not after half a second: the limit comes back in ' +
      'whole-second steps. A token bucket refills continuously: add elapsed * per_second, fractions included.';
  else if (afterHalf.every((o) => o === 'ok'))
    why = 'More than 2 calls were allowed: 0.5 s at 4 per second earns exactly 2 tokens.';
  expect(
    afterHalf,
    `RateLimiter(4) emptied, then 0.5 s later 3 calls should go [ok, ok, limited] (0.5 s x 4 per second = 2 tokens), ` +
      `but they went ${show(afterHalf)}. ${why}`,
  ).toEqual(['ok', 'ok', 'limited']);
});

test('fractions of a token add up across calls, and a call needs one whole token', async () => {
  await py.exec(`
    limiter_with(4)
    attempts(hit, 4)
    clock.advance(0.125)
    at_half_token = attempts(hit, 1)
    clock.advance(0.125)
    at_one_token = attempts(hit, 2)

    # The same quarter second, without the call at 0.125 s in between.
    limiter_with(4)
    attempts(hit, 4)
    clock.advance(0.25)
    straight = attempts(hit, 1)
  `);
  const seen = await py.value<Record<string, string[]>>(
    '{"at_half": at_half_token, "at_one": at_one_token, "straight": straight}',
  );
  const atHalf = seen.at_half!;
  const atOne = seen.at_one!;
  const straight = seen.straight!;
  expect(
    atHalf,
    'RateLimiter(4) emptied, then 0.125 s later the bucket holds half a token: that call should raise RateLimited, ' +
      `but it went ${show(atHalf)}. A call needs a whole token (at least 1 left), not "more than 0".`,
  ).toEqual(['limited']);
  expect(
    atOne,
    'another 0.125 s later the two halves make one whole token: the next call should pass and the one after be ' +
      `refused, but they went ${show(atOne)}. ` +
      (atOne[0] === 'limited' && straight[0] === 'ok'
        ? 'Without the refused call at 0.125 s, a call at 0.25 s passes; so that refused call cost something: its ' +
          'refill threw away the half token earned so far, or it took a token it did not have. Keep fractional ' +
          'tokens (a float) and take a token only when a whole one is there.'
        : ''),
  ).toEqual(['ok', 'limited']);
});

test('after a long idle the bucket holds per_second tokens, never more', async () => {
  await py.exec(`
    limiter_with(2)
    attempts(hit, 1)
    clock.advance(3600)
    after_idle = attempts(hit, 4)
  `);
  const afterIdle = await py.value<string[]>('after_idle');
  const allowed = afterIdle.filter((o) => o === 'ok').length;
  expect(
    afterIdle,
    `RateLimiter(2), idle for an hour: the next 4 calls should go [ok, ok, limited, limited], but they went ` +
      `${show(afterIdle)}. ` +
      (allowed > 2
        ? `${allowed} calls passed in one instant, so the bucket held more than per_second tokens: cap the total at per_second every time you add tokens.`
        : ''),
  ).toEqual(['ok', 'ok', 'limited', 'limited']);
});

test('a refused call does not use up a token', async () => {
  await py.exec(`
    limiter_with(2)
    attempts(hit, 2)
    refused = attempts(hit, 5)
    clock.advance(0.5)
    after = attempts(hit, 2)

    # The same half second, without the refused calls.
    limiter_with(2)
    attempts(hit, 2)
    clock.advance(0.5)
    without_refused = attempts(hit, 1)
  `);
  const seen = await py.value<Record<string, string[]>>(
    '{"refused": refused, "after": after, "without_refused": without_refused}',
  );
  expect(seen.refused, 'with the bucket empty, 5 more calls should all be refused').toEqual([
    'limited',
    'limited',
    'limited',
    'limited',
    'limited',
  ]);
  const after = seen.after!;
  expect(
    after,
    'RateLimiter(2) emptied, then 5 refused calls, then 0.5 s: one token is earned, so the next calls should go ' +
      `[ok, limited], but they went ${show(after)}. ` +
      (after[0] === 'limited' && seen.without_refused![0] === 'ok'
        ? 'Without the refused calls, the call after 0.5 s passes; so the refused calls left a debt. ' +
          'Take a token only when there is one to take.'
        : ''),
  ).toEqual(['ok', 'limited']);
});

test('an exception from the function propagates, and its token stays spent', async () => {
  await py.exec(`
    clock = FakeClock()
    limiter = ex.RateLimiter(2, clock=clock)

    @limiter
    def flaky():
        ran.append(clock.now)
        raise ConnectionError("upstream down")
  `);
  const first = await expectRaises(
    py.call('flaky'),
    'ConnectionError',
    'the limiter must let the function’s own errors reach the caller unchanged',
  );
  expect(first.pyMessage).toBe('upstream down');
  const outcomes = await py.value<string[]>('attempts(flaky, 2)');
  const basicsWork = await py.value<boolean>('refuses_plain_calls()');
  expect(
    outcomes,
    `after one failed call, RateLimiter(2) has one token left: the next two calls should go [ConnectionError, limited], ` +
      `but they went ${show(outcomes)}. ` +
      (outcomes[1] === 'ConnectionError' && basicsWork
        ? 'Your limiter refuses a third call to a function that returns, so the calls that raised got their tokens back: ' +
          'a failed request still used the service, so its token stays spent.'
        : ''),
  ).toEqual(['ConnectionError', 'limited']);
});

test('positional and keyword arguments and the return value pass through', async () => {
  await py.exec(`
    marker = object()
    limiter = ex.RateLimiter(4, clock=FakeClock())

    @limiter
    def describe(a, b=2, *rest, sep="-", **extra):
        return marker, [a, b, list(rest), sep, extra]
  `);
  expect(
    await py.value('describe(1, 5, 6, 7, sep="+", colour="red")[1]'),
    'call fn(*args, **kwargs) with every argument the wrapper received',
  ).toEqual([1, 5, [6, 7], '+', { colour: 'red' }]);
  expect(await py.value('describe(0)[0] is marker'), 'the wrapper should return exactly what fn returned').toBe(true);
});

test('the wrapper keeps the name, docstring and signature of the function (functools.wraps)', async () => {
  await py.exec(`
    limiter = ex.RateLimiter(4, clock=FakeClock())

    def send_email(to: str, subject: str = "") -> bool:
        """Send one email."""
        return True

    async def fetch_user(user_id: int) -> dict:
        """Fetch one user."""
        return {"id": user_id}

    limited_send = limiter(send_email)
    limited_fetch = limiter(fetch_user)
  `);
  const syncProblems = await py.metadataProblems('send_email', 'limited_send');
  expect(syncProblems, `decorating a def lost its metadata: ${syncProblems.join('; ')}. Use functools.wraps(fn).`).toEqual([]);
  const asyncProblems = await py.metadataProblems('fetch_user', 'limited_fetch');
  expect(
    asyncProblems,
    `decorating an async def lost its metadata: ${asyncProblems.join('; ')}. Use functools.wraps(fn) on that wrapper too.`,
  ).toEqual([]);
});

test('one limiter decorating two functions gives them one shared bucket', async () => {
  await py.exec(`
    limiter_with(2)

    @limiter
    def other():
        ran.append(clock.now)

    outcomes = attempts(hit, 1) + attempts(other, 1) + attempts(hit, 1) + attempts(other, 1)
  `);
  const outcomes = await py.value<string[]>('outcomes');
  const basicsWork = await py.value<boolean>('refuses_plain_calls()');
  expect(
    outcomes,
    `hit and other share RateLimiter(2): calling hit, other, hit, other should go [ok, ok, limited, limited], but ` +
      `went ${show(outcomes)}. ` +
      (outcomes[2] === 'ok' && basicsWork
        ? 'Each function seems to have its own bucket: keep the tokens on the limiter (self), not in variables created inside __call__.'
        : ''),
  ).toEqual(['ok', 'ok', 'limited', 'limited']);
});

test('two limiters never share tokens', async () => {
  await py.exec(`
    shared_clock = FakeClock()
    first = ex.RateLimiter(1, clock=shared_clock)
    second = ex.RateLimiter(1, clock=shared_clock)

    @first
    def a():
        pass

    @second
    def b():
        pass

    outcomes = attempts(a, 1) + attempts(b, 1) + attempts(a, 1)
  `);
  const outcomes = await py.value<string[]>('outcomes');
  expect(
    outcomes,
    `a uses one RateLimiter(1) and b another: a, b, a should go [ok, ok, limited], but went ${show(outcomes)}. ` +
      (outcomes[0] === 'ok' && outcomes[1] === 'limited'
        ? 'b was refused though its limiter was never used: the tokens seem to be stored on the class, shared by every limiter. Keep them on the instance (self).'
        : ''),
  ).toEqual(['ok', 'ok', 'limited']);
});

test('per_second of zero or less raises ValueError', async () => {
  await expectRaises(
    py.eval('ex.RateLimiter(0, clock=FakeClock())'),
    'ValueError',
    'a limiter allowing 0 calls per second can never let a call through; refuse it when it is created',
  );
  await expectRaises(
    py.eval('ex.RateLimiter(-2, clock=FakeClock())'),
    'ValueError',
    'a negative rate makes no sense; raise ValueError in __init__',
  );
  expect(await py.value('type(ex.RateLimiter(0.5, clock=FakeClock())).__name__'), 'a positive rate is accepted').toBe(
    'RateLimiter',
  );
});

test('the default clock is time.monotonic', async () => {
  const found = await py.value<string>(`
    (lambda p: "no parameter named clock" if p is None else
        "time.monotonic" if p.default is time.monotonic else
        "time.time" if p.default is time.time else repr(p.default))(
        inspect.signature(ex.RateLimiter).parameters.get("clock"))
  `);
  let why = '';
  if (found === 'time.time') why = ' time.time follows the wall clock, which jumps when the system time is corrected.';
  expect(
    found,
    `RateLimiter(per_second, clock=time.monotonic): the default clock should be time.monotonic, but it is ${found}.` +
      `${why} time.monotonic only ever moves forward, which is what measuring intervals needs.`,
  ).toBe('time.monotonic');
});

// ---- async def --------------------------------------------------------------

const ASYNC_SETUP = `
  clock = FakeClock()
  limiter = ex.RateLimiter(2, clock=clock)

  @limiter
  async def fetch(user_id, *, fields=()):
      await asyncio.sleep(0)
      ran.append(user_id)
      return {"id": user_id, "fields": list(fields)}

  async def outcome(start):
      """Await start() and say how it went: its result, "limited", or what else came back."""
      try:
          result = await start()
      except ex.RateLimited:
          return "limited"
      return result if isinstance(result, dict) else f"got {type(result).__name__}"
`;

test('the wrapper of an async def is itself an async def (inspect.iscoroutinefunction)', async () => {
  await py.exec(ASYNC_SETUP);
  const isCoroutineFunction = await py.value<boolean>('inspect.iscoroutinefunction(fetch)');
  const returned = await py.value<string>(`
    (lambda c: (c.close(), type(c).__name__)[1] if inspect.iscoroutine(c) else type(c).__name__)(fetch(1))
  `);
  expect(
    isCoroutineFunction,
    `inspect.iscoroutinefunction(limiter(fetch)) is False; calling it returned a ${returned}. ` +
      'Your wrapper is a plain def that hands back fn’s coroutine. Frameworks such as FastAPI check ' +
      'iscoroutinefunction to decide whether to await a handler: for a coroutine function, return an `async def` wrapper.',
  ).toBe(true);
});

test('async: a burst of per_second awaits passes, the next raises RateLimited, and results come back', async () => {
  await py.exec(ASYNC_SETUP);
  await py.exec(`
    async def main():
        return [await outcome(lambda: fetch(1, fields=("name",))), await outcome(lambda: fetch(2)), await outcome(lambda: fetch(3))]

    results = asyncio.run(main())
  `);
  const results = await py.value<unknown[]>('results');
  const gotCoroutine = results.some((r) => typeof r === 'string' && r.startsWith('got coroutine'));
  expect(
    results,
    `with RateLimiter(2), awaiting fetch(1, fields=("name",)), fetch(2), fetch(3) should give two results and then ` +
      `RateLimited, but gave ${JSON.stringify(results)}. ` +
      (gotCoroutine ? 'Awaiting the wrapper gave back a coroutine, not its result: inside the async wrapper, `await fn(...)`.' : ''),
  ).toEqual([{ id: 1, fields: ['name'] }, { id: 2, fields: [] }, 'limited']);
  expect(await py.value('ran'), 'the refused third call must not run fetch at all').toEqual([1, 2]);
});

test('async: the token is taken when the coroutine runs, not when it is created', async () => {
  await py.exec(ASYNC_SETUP);
  await py.exec(`
    creation_errors = []
    pending = []
    for user_id in (1, 2, 3):
        try:
            pending.append(fetch(user_id))
        except Exception as exc:
            creation_errors.append(type(exc).__name__)
    for coroutine in pending:
        coroutine.close()

    async def main():
        return [await outcome(lambda: fetch(4)), await outcome(lambda: fetch(5)), await outcome(lambda: fetch(6))]

    results = asyncio.run(main()) if not creation_errors else None
  `);
  const seen = await py.value<{ creation_errors: string[]; results: unknown[] | null; basics: boolean }>(
    '{"creation_errors": creation_errors, "results": results, "basics": refuses_plain_calls()}',
  );
  const creationErrors = seen.creation_errors;
  expect(
    creationErrors,
    'creating three coroutines with fetch(1), fetch(2), fetch(3) (without awaiting them) should raise nothing, ' +
      `but it raised ${show(creationErrors)}. Your wrapper takes the token when it is called; it must take it when ` +
      'the coroutine starts running, inside an `async def` wrapper.',
  ).toEqual([]);
  const outcomes = (seen.results ?? []).map((r) => (typeof r === 'string' ? r : 'ok'));
  expect(
    outcomes,
    'three coroutines were created and closed without ever running, so the bucket of RateLimiter(2) should still be ' +
      `full: the next three awaits should go [ok, ok, limited], but went ${show(outcomes)}. ` +
      (outcomes[0] === 'limited' && seen.basics ? 'Coroutines that never ran spent tokens: take the token inside the async wrapper’s body.' : ''),
  ).toEqual(['ok', 'ok', 'limited']);
});

test('async: the refill is computed when the coroutine runs', async () => {
  await py.exec(ASYNC_SETUP);
  await py.exec(`
    async def drain():
        return [await outcome(lambda: fetch(1)), await outcome(lambda: fetch(2))]

    drained = asyncio.run(drain())
    try:
        late = fetch(3)
    except ex.RateLimited:
        result = "creating the coroutine raised RateLimited"
    else:
        clock.advance(0.5)
        result = asyncio.run(outcome(lambda: late))
  `);
  const result = await py.value<unknown>('result');
  expect(
    result,
    'the bucket was empty when fetch(3) was created, and 0.5 s passed before it was awaited (1 token earned at 2 ' +
      `per second), so awaiting it should succeed, but it gave ${JSON.stringify(result)}. Read the clock and take ` +
      'the token inside the async wrapper’s body, when the coroutine runs.',
  ).toEqual({ id: 3, fields: [] });
});

test('async: an exception from the coroutine propagates, and its token stays spent', async () => {
  await py.exec(`
    clock = FakeClock()
    limiter = ex.RateLimiter(1, clock=clock)

    @limiter
    async def failing():
        await asyncio.sleep(0)
        raise TimeoutError("upstream slow")

    async def main():
        outcomes = []
        for _ in range(2):
            try:
                await failing()
                outcomes.append("ok")
            except ex.RateLimited:
                outcomes.append("limited")
            except TimeoutError as exc:
                outcomes.append(f"TimeoutError: {exc}")
        return outcomes

    outcomes = asyncio.run(main())
  `);
  const outcomes = await py.value<string[]>('outcomes');
  expect(
    outcomes,
    `RateLimiter(1) around an async function that raises: two awaits should go [TimeoutError: upstream slow, limited], ` +
      `but went ${show(outcomes)}. The coroutine’s error must reach the caller, and the token it took stays spent.`,
  ).toEqual(['TimeoutError: upstream slow', 'limited']);
});

test('a def and an async def decorated by one limiter share its bucket', async () => {
  await py.exec(ASYNC_SETUP);
  await py.exec(`
    @limiter
    def ping():
        return "pong"

    async def main():
        return [attempts(ping, 1)[0], await outcome(lambda: fetch(1)), attempts(ping, 1)[0], await outcome(lambda: fetch(2))]

    results = asyncio.run(main())
  `);
  const results = await py.value<unknown[]>('results');
  const outcomes = results.map((r) => (typeof r === 'string' ? r : 'ok'));
  expect(
    outcomes,
    `ping (a def) and fetch (an async def) share RateLimiter(2): ping, fetch, ping, fetch should go ` +
      `[ok, ok, limited, limited], but went ${show(outcomes)}. Both wrappers should take tokens from the same bucket, on self.`,
  ).toEqual(['ok', 'ok', 'limited', 'limited']);
});
