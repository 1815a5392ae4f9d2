import { expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url, { fakeTime: true });

const ORDER_HINT =
  'Decorators apply bottom-up: the one nearest the def wraps first, the top one ends up outermost and runs first on each call.';

/**
 * Install a fresh fake user service that takes 50ms (on the fake clock) per
 * request and raises ConnectionError for its first `failures` requests. Also
 * forget earlier sleeps, so `py.sleeps()` shows only this test's.
 */
async function useService(failures = 0): Promise<void> {
  await py.exec(`
    class FakeUserService:
        def __init__(self, failures):
            self.failures = failures
            self.requests = []

        def load(self, user_id):
            self.requests.append(user_id)
            clock.advance(0.05)  # every request takes 50ms
            if self.failures > 0:
                self.failures -= 1
                raise ConnectionError("user service unavailable")
            if user_id < 0:
                raise LookupError(f"no user with id {user_id}")
            return {"id": str(user_id), "name": f"user-{user_id}"}

    ex.service = FakeUserService(${failures})
    clock.sleeps.clear()
  `);
}

async function requests(): Promise<number[]> {
  return py.value<number[]>('ex.service.requests');
}

interface TimingLine {
  name: string;
  ms: number;
}

/** Parse `<name> took <ms>ms` lines; any other output fails the test. */
function timingLines(stdout: string): TimingLine[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^(\w+) took (\d+(?:\.\d+)?)ms$/.exec(line);
      expect(
        match,
        `every printed line should be a timing line "<name> took <ms>ms"; got ${JSON.stringify(line)}`,
      ).not.toBeNull();
      return { name: match![1]!, ms: Number(match![2]) };
    });
}

function expectOneTimingLine(stdout: string, name: string, ms: number, why: string, attempts = 1): void {
  const lines = timingLines(stdout);
  const diagnosis =
    lines.length === 0
      ? 'Nothing was printed: is timed part of the stack?'
      : lines.length === attempts
        ? `That is one line per request (${attempts} were made), so timed runs inside retry; it must wrap the whole retry loop.`
        : 'Look at where, and how often, timed appears in the stack.';
  expect(
    lines.length,
    `expected exactly one timing line for ${why}; got ${lines.length}: ${JSON.stringify(stdout)}. ${diagnosis} ${ORDER_HINT}`,
  ).toBe(1);
  expect(lines[0]!.name, `the timing line should name ${name}`).toBe(name);
  expect(
    Math.abs(lines[0]!.ms - ms),
    `expected the timing line to report about ${ms}ms for ${why}, got ${lines[0]!.ms}ms. ` +
      'The time must cover every attempt (50ms each) and every back-off pause, so timed must wrap retry.',
  ).toBeLessThanOrEqual(1);
}

for (const [name, offset] of [
  ['fetch_user', 0],
  ['fetch_user_explicit', 500],
] as const) {
  const fn = `ex.${name}`;

  test(`${name}: a first lookup asks the service once and prints one timing line`, async () => {
    await useService();
    const id = 101 + offset;
    const { value, stdout } = await py.call(fn, [id]);
    expect(value, `${name}(${id}) should return what the service returned`).toEqual({
      id: String(id),
      name: `user-${id}`,
    });
    expect(await requests(), `a lookup that succeeds at once should send one request`).toEqual([id]);
    expectOneTimingLine(stdout, name, 50, 'a lookup that takes one 50ms request');
    expect(await py.sleeps(), 'nothing failed, so retry should not have slept').toEqual([]);
  });

  test(`${name}: a repeated lookup comes from the cache: no timing line, no retry, no request, even while the service is down`, async () => {
    await useService();
    const id = 102 + offset;
    const first = await py.call(fn, [id]);
    await py.exec('ex.service.failures = 99');
    const second = await py.call(fn, [id]);
    expect(second.value, 'the second lookup should return the cached profile').toEqual(first.value);
    expect(await requests(), 'a cached user must not be requested again (the cache should answer first)').toEqual([id]);
    expect(await py.sleeps(), 'a cache hit must not go through retry, so nothing should sleep').toEqual([]);
    expect(
      second.stdout,
      `a cache hit should print nothing, but it printed ${JSON.stringify(second.stdout)}. ` +
        'If timed runs on a hit, the cache sits inside timed. ' +
        ORDER_HINT,
    ).toBe('');
  });

  test(`${name}: a ConnectionError is retried after 0.2s then 0.4s, and one timing line covers every attempt and pause`, async () => {
    await useService(2);
    const id = 103 + offset;
    const { value, stdout } = await py.call(fn, [id]);
    expect(value, 'the third attempt succeeds, so its profile should be returned').toEqual({
      id: String(id),
      name: `user-${id}`,
    });
    expect(await requests(), 'two failures and a success make three requests').toEqual([id, id, id]);
    expect(await py.sleeps(), 'retry(times=3, backoff=0.2) pauses 0.2s, then 0.4s').toEqual([0.2, 0.4]);
    expectOneTimingLine(stdout, name, 750, 'three 50ms requests plus pauses of 200ms and 400ms', 3);
  });

  test(`${name}: after three failed attempts the last ConnectionError reaches the caller, timed once`, async () => {
    await useService(99);
    const id = 104 + offset;
    const { stdout } = await py.exec(`
      try:
          ${fn}(${id})
      except ConnectionError as error:
          raised = type(error).__name__
      else:
          raised = None
    `);
    expect(await py.value('raised'), 'when every attempt fails, the ConnectionError must reach the caller').toBe(
      'ConnectionError',
    );
    expect(await requests(), 'retry(times=3) makes exactly three attempts').toEqual([id, id, id]);
    expect(await py.sleeps(), 'two pauses between three attempts, none after the last').toEqual([0.2, 0.4]);
    expectOneTimingLine(stdout, name, 750, 'a lookup that failed three times (timed prints even when it raises)', 3);
  });

  test(`${name}: a failed lookup is not cached: the next call asks the service again`, async () => {
    await useService(3);
    const id = 105 + offset;
    await py.exec(`
      try:
          ${fn}(${id})
      except ConnectionError:
          pass
    `);
    const { value } = await py.call(fn, [id]);
    expect(value, 'once the service is back, the lookup should succeed').toEqual({
      id: String(id),
      name: `user-${id}`,
    });
    expect((await requests()).length, 'three failed attempts, then one new request').toBe(4);
  });

  test(`${name}: an unknown user (LookupError) is not retried`, async () => {
    await useService();
    const id = -(106 + offset);
    const { stdout } = await py.exec(`
      try:
          ${fn}(${id})
      except LookupError as error:
          raised = type(error).__name__
      else:
          raised = None
    `);
    expect(await py.value('raised'), 'an unknown user should raise LookupError to the caller').toBe('LookupError');
    expect(
      await requests(),
      'only ConnectionError may be retried: pass exceptions=(ConnectionError,) to retry, not the default (Exception,)',
    ).toEqual([id]);
    expect(await py.sleeps(), 'an error that is not retried must not cause a pause').toEqual([]);
    expectOneTimingLine(stdout, name, 50, 'a single failed request');
  });

  test(`${name}: ${name}.cache_clear() forgets cached users`, async () => {
    await useService();
    const id = 107 + offset;
    await py.call(fn, [id]);
    const hasCacheClear = await py.value<boolean>(`callable(getattr(${fn}, "cache_clear", None))`);
    expect(
      hasCacheClear,
      `${name} itself should have cache_clear(), which it does only when functools.cache is the outermost wrapper. ` +
        ORDER_HINT,
    ).toBe(true);
    await py.exec(`${fn}.cache_clear()`);
    const { stdout } = await py.call(fn, [id]);
    expect(await requests(), 'after cache_clear() the user must be requested again').toEqual([id, id]);
    expectOneTimingLine(stdout, name, 50, 'the lookup after cache_clear()');
  });
}

test('fetch_user_explicit is built with plain calls, not @ decorators', async () => {
  await py.exec(`
    import ast, inspect
    decorated = [
        node.lineno
        for node in ast.walk(ast.parse(inspect.getsource(ex)))
        if isinstance(node, ast.FunctionDef) and node.name == "fetch_user_explicit" and node.decorator_list
    ]
  `);
  const decorated = await py.value<number[]>('decorated');
  expect(
    decorated,
    'def fetch_user_explicit should have no @ lines; wrap it afterwards: fetch_user_explicit = a(b(c(fetch_user_explicit)))',
  ).toEqual([]);
  const innermost = await py.value<string>('inspect.unwrap(ex.fetch_user_explicit).__name__');
  expect(
    innermost,
    "the function at the bottom of fetch_user_explicit's stack should be the def fetch_user_explicit itself",
  ).toBe('fetch_user_explicit');
});

test('fetch_user_explicit has its own cache, separate from fetch_user', async () => {
  await useService();
  await py.call('ex.fetch_user', [108]);
  const { stdout } = await py.call('ex.fetch_user_explicit', [108]);
  expect(
    await requests(),
    'fetch_user_explicit should wrap its own function with its own functools.cache, not reuse fetch_user',
  ).toEqual([108, 108]);
  expectOneTimingLine(stdout, 'fetch_user_explicit', 50, "fetch_user_explicit's first lookup");
});
