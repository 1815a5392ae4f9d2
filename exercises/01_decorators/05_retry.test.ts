import { expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

// The fake clock records every time.sleep (or `from time import sleep`) instead of waiting.
const py = useExercise(import.meta.url, { fakeTime: true });

/** Sleeps since `mark` (the test's start), rounded so 0.1 * 2 and 0.2 compare equal. */
async function sleepsSince(mark: number): Promise<number[]> {
  return (await py.sleeps()).slice(mark).map((seconds) => Number(seconds.toFixed(9)));
}

/**
 * `flaky(outcomes)`: a function that, on each call, takes the next outcome and
 * raises it if it is an exception, else returns it. `flaky.calls` counts calls and
 * `flaky.raised` keeps every exception it raised.
 */
const FLAKY = `
  class Flaky:
      def __init__(self, *outcomes):
          self.outcomes = list(outcomes)
          self.calls = []
          self.raised = []

      def __call__(self, *args, **kwargs):
          self.calls.append((args, kwargs))
          if not self.outcomes:
              raise RuntimeError(f"the test expected fewer tries, but fn was called {len(self.calls)} times")
          outcome = self.outcomes.pop(0)
          if isinstance(outcome, BaseException):
              self.raised.append(outcome)
              raise outcome
          return outcome

  def fetch(*args, **kwargs):
      """Fetch something unreliable."""
      return flaky(*args, **kwargs)

  def outcome(fn, *args, **kwargs):
      """fn's result, or a description of the Exception it raised (for readable failures)."""
      try:
          return fn(*args, **kwargs)
      except Exception as exc:
          return f"raised {type(exc).__name__}: {exc}"
`;

test('retry(...) returns a decorator, and decorating calls nothing yet', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky("ok")
    mark = len(clock.sleeps)
    decorate = ex.retry(times=2)
    wrapped = decorate(fetch)
  `);
  expect(
    await py.value('callable(decorate) and callable(wrapped)'),
    'retry(times=2) must return a decorator (a function taking fn), and that must return the wrapper',
  ).toBe(true);
  expect(await py.value('len(flaky.calls)'), 'neither retry(...) nor decorator(fn) may call fn; only the wrapper does').toBe(
    0,
  );
  expect(await sleepsSince(await py.value<number>('mark')), 'nothing should sleep before the first call').toEqual([]);
});

test('returns at once when the first try succeeds, without sleeping', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky("first time")
    mark = len(clock.sleeps)
    result = outcome(ex.retry(times=3, backoff=1.0)(fetch), "id-7", fresh=True)
  `);
  expect(await py.value('result'), 'a successful call returns fn\'s result').toBe('first time');
  expect(await py.value('flaky.calls'), 'one call, with the arguments the wrapper was given').toEqual([
    [['id-7'], { fresh: true }],
  ]);
  expect(await sleepsSince(await py.value<number>('mark')), 'no sleep when nothing failed').toEqual([]);
});

test('retries a failing call and returns the first success', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky(ConnectionError("reset"), ConnectionError("reset"), {"id": 7})
    mark = len(clock.sleeps)
    result = outcome(ex.retry(times=5, backoff=0.5)(fetch), 7)
  `);
  expect(await py.value('result'), 'after two failures the third try succeeds, and its result is returned').toEqual({
    id: 7,
  });
  expect(await py.value('len(flaky.calls)'), 'stop retrying as soon as a try succeeds: 3 tries, not 5').toBe(3);
  expect(await py.value('all(call == ((7,), {}) for call in flaky.calls)'), 'every try gets the same arguments').toBe(true);
  expect(
    await sleepsSince(await py.value<number>('mark')),
    'sleep backoff * 2**attempt after failed attempt 0 and 1: 0.5 then 1.0 seconds',
  ).toEqual([0.5, 1]);
});

test('waits backoff * 2**attempt between tries, and not after the last one', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky(*(TimeoutError(f"try {n}") for n in range(1, 5)))
    mark = len(clock.sleeps)
    patient = ex.retry(times=4, backoff=0.25)(fetch)
  `);
  await expectRaises(py.call('patient'), 'TimeoutError', 'every one of the 4 tries failed');
  expect(await py.value('len(flaky.calls)'), 'times=4 means 4 tries in all (not 4 retries after the first)').toBe(4);
  expect(
    await sleepsSince(await py.value<number>('mark')),
    'three waits between four tries, doubling from 0.25 s; sleeping after the last try only delays the error',
  ).toEqual([0.25, 0.5, 1]);
});

test('re-raises the very error from the last attempt', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky(*(ConnectionError(f"attempt {n}") for n in range(1, 4)))
    doomed = ex.retry(times=3, backoff=0.01)(fetch)
  `);
  const error = await expectRaises(
    py.call('doomed'),
    'ConnectionError',
    'when every try fails, the last error propagates as it is (not wrapped in another exception)',
  );
  expect(error.pyMessage, 'raise the error from the *last* attempt, not the first').toBe('attempt 3');
  await py.exec(`
    try:
        flaky = Flaky(*(ConnectionError(f"again {n}") for n in range(1, 4)))
        doomed()
    except ConnectionError as exc:
        final = exc
  `);
  expect(
    await py.value('final is flaky.raised[-1]'),
    'the caller should get the exact exception object fn raised last (a bare `raise` or `raise last_error`)',
  ).toBe(true);
});

test('only retries the listed exception types and their subclasses', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky(ValueError("bad id"), "never reached")
    mark = len(clock.sleeps)
    picky = ex.retry(times=3, exceptions=(ConnectionError, TimeoutError))(fetch)
  `);
  const error = await expectRaises(
    py.call('picky'),
    'ValueError',
    'ValueError is not in exceptions=(ConnectionError, TimeoutError), so it propagates on the first try',
  );
  expect(error.pyMessage).toBe('bad id');
  expect(await py.value('len(flaky.calls)'), 'an exception type that is not listed must not be retried').toBe(1);
  expect(await sleepsSince(await py.value<number>('mark')), 'and nothing sleeps for it').toEqual([]);

  await py.exec(`
    flaky = Flaky(ConnectionRefusedError("refused"), "connected")
    result = outcome(picky)
  `);
  const result = await py.value('result');
  const tries = await py.value<number>('len(flaky.calls)');
  expect(
    result,
    'ConnectionRefusedError is a subclass of ConnectionError, which is listed, so it should be retried and the second try ' +
      `returns "connected". Instead the wrapper tried ${tries} time(s) and gave ${JSON.stringify(result)}. ` +
      (tries === 1
        ? 'It was not retried, so the check does not match subclasses: `except exceptions:` (or isinstance) does, an exact type comparison does not.'
        : 'Look at how the wrapper decides which errors to retry.'),
  ).toBe('connected');
});

test('never retries KeyboardInterrupt, even with the default exception list', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky(KeyboardInterrupt(), "should not run")
    mark = len(clock.sleeps)
    interruptible = ex.retry()(fetch)
  `);
  await expectRaises(
    py.call('interruptible'),
    'KeyboardInterrupt',
    'the default exceptions=(Exception,) does not include KeyboardInterrupt (a BaseException), so Ctrl-C must stop at once',
  );
  const calls = await py.value<number>('len(flaky.calls)');
  expect(
    calls,
    `fn was called ${calls} time(s) after raising KeyboardInterrupt: the wrapper caught it although it is not an Exception. ` +
      'Catch only the `exceptions` tuple (no bare `except:`, no `except BaseException`).',
  ).toBe(1);
  expect(await sleepsSince(await py.value<number>('mark'))).toEqual([]);
});

test('defaults to three tries, 0.1 s then 0.2 s apart, retrying any Exception', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky(OSError("disk"), LookupError("cache"), "fine")
    mark = len(clock.sleeps)

    @ex.retry()
    def default_fetch():
        return flaky()

    result = outcome(default_fetch)
  `);
  expect(await py.value('result'), 'with the defaults, any Exception is retried, and the third try succeeds').toBe('fine');
  expect(await sleepsSince(await py.value<number>('mark')), 'default backoff=0.1: waits of 0.1 then 0.2 seconds').toEqual([
    0.1, 0.2,
  ]);
});

test('times=1 tries once and never sleeps', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky(ConnectionError("down"), "unused")
    mark = len(clock.sleeps)
    once = ex.retry(times=1, backoff=5)(fetch)
  `);
  await expectRaises(py.call('once'), 'ConnectionError', 'with a single try, its error propagates');
  expect(await py.value('len(flaky.calls)'), 'times=1: exactly one try').toBe(1);
  expect(await sleepsSince(await py.value<number>('mark')), 'no retry, so no sleep').toEqual([]);
});

test('times below 1 raises ValueError as soon as retry is called', async () => {
  for (const times of [0, -2]) {
    await expectRaises(
      py.eval(`ex.retry(times=${times})`),
      'ValueError',
      `retry(times=${times}) can never call fn, so it should fail right away, before anything is decorated`,
    );
  }
});

test('each call starts with a fresh count of attempts', async () => {
  await py.exec(FLAKY);
  await py.exec(`
    flaky = Flaky(TimeoutError("slow"), "first", TimeoutError("slow"), "second")
    twice = ex.retry(times=2, backoff=0.01)(fetch)
  `);
  const results = await py.value<unknown[]>('[outcome(twice), outcome(twice)]');
  expect(
    results,
    'both calls fail once and then succeed; with times=2 each call gets its own 2 tries, ' +
      `but the two calls gave ${JSON.stringify(results)}. Count attempts in a local of the wrapper, ` +
      'not in state shared between calls',
  ).toEqual(['first', 'second']);
});

test("keeps the wrapped function's name, docstring and signature", async () => {
  await py.exec(`
    def upload(path: str, *, retries_left: int = 0) -> bool:
        """Upload a file."""
        return True
    retried_upload = ex.retry(times=2)(upload)
  `);
  const problems = await py.metadataProblems('upload', 'retried_upload');
  expect(
    problems,
    `use @functools.wraps(fn) on the innermost wrapper:\n  - ${problems.join('\n  - ')}\n`,
  ).toEqual([]);
});
