import { expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url, { fakeTime: true });

// Time only moves when a test says so (clock.advance), so durations are exact.

interface Timing {
  label: string;
  ms: number;
}

/** The `<label> took <ms>ms` lines in what was printed, in order; other lines are kept as null. */
function timingsIn(stdout: string): (Timing | null)[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^(.*) took (-?\d+(?:\.\d+)?)ms$/.exec(line);
      return match ? { label: match[1]!, ms: Number(match[2]) } : null;
    });
}

function expectTiming(actual: Timing | null | undefined, label: string, ms: number, where: string): void {
  expect(
    actual ?? null,
    `${where}: expected a line "${label} took ${ms}ms" (any number of decimals), but no line of that shape was printed`,
  ).not.toBeNull();
  expect(actual?.label, `${where}: the line should start with the label given to timed_block`).toBe(label);
  expect(
    actual?.ms,
    `${where}: the code took ${ms / 1000}s on the clock, so the line should say ${ms}ms. Read time.perf_counter() ` +
      'when the block or call starts (in __enter__, not __init__) and again when it ends, and convert seconds to ms.',
  ).toBeCloseTo(ms, 3);
}

test('with timed_block(label): prints "<label> took <ms>ms" once the block ends', async () => {
  const { stdout } = await py.exec(`
    with ex.timed_block("load config"):
        print("reading files")
        clock.advance(0.25)
  `);
  const lines = timingsIn(stdout);
  expect(lines.length, `expected the block's own line and then one timing line, got:\n${stdout}`).toBe(2);
  expect(lines[0], 'the timing line must come after the block, when it ends (print it in __exit__)').toBeNull();
  expectTiming(lines[1], 'load config', 250, 'after the with block');
});

test('nothing is printed when timed_block(...) is created or a function is decorated', async () => {
  const { stdout } = await py.exec(`
    block = ex.timed_block("unused")
    @ex.timed_block("never called")
    def idle():
        return None
  `);
  expect(stdout, 'timed_block prints only when a timed block or call ends, never at creation or decoration').toBe('');
});

test('as a decorator, every call is timed and printed on its own', async () => {
  await py.exec(`
    try:
        @ex.timed_block("render page")
        def render(seconds):
            clock.advance(seconds)
        decorating_failed = None
    except TypeError as error:
        decorating_failed = str(error)
  `);
  expect(
    await py.value('decorating_failed'),
    '@timed_block("render page") above a def raised TypeError: a timed_block object must also be callable ' +
      'with a function. Inherit contextlib.ContextDecorator, which supplies that __call__.',
  ).toBeNull();
  // Time passes between decorating and calling, and between the calls.
  const { stdout } = await py.exec(`
    clock.advance(10)
    render(1.5)
    clock.advance(7)
    render(0.25)
  `);
  const lines = timingsIn(stdout);
  expect(
    lines.length,
    `two calls should print two timing lines, got:\n${stdout || '(nothing)'}\n` +
      '@timed_block(...) must make the function time each call. Inheriting contextlib.ContextDecorator does that.',
  ).toBe(2);
  expectTiming(lines[0], 'render page', 1500, 'the first call');
  expectTiming(lines[1], 'render page', 250, 'the second call (timed from its own start, not from the first call)');
});

test('as a decorator, the function keeps its name, docstring and signature', async () => {
  await py.exec(`
    def summarize(rows: list[int], *, limit: int = 10) -> str:
        """Describe the first rows."""
        return f"{len(rows[:limit])} rows"
    decorated = ex.timed_block("summary")(summarize)
  `);
  expect(
    await py.metadataProblems('summarize', 'decorated'),
    'the decorated function should look like the original: ContextDecorator applies functools.wraps for you; ' +
      'if you wrote __call__ yourself, decorate the wrapper with @functools.wraps(func)',
  ).toEqual([]);
});

test('as a decorator, arguments go in and the return value comes out unchanged', async () => {
  await py.exec(`
    @ex.timed_block("pricing")
    def price(amount, *extras, currency="EUR", **flags):
        return {"amount": amount, "extras": list(extras), "currency": currency, "flags": flags}
  `);
  const { value, stdout } = await py.eval('price(120, 5, 7, currency="USD", rush=True)');
  expect(value, 'the wrapped function should get every positional and keyword argument and its result returned').toEqual({
    amount: 120,
    extras: [5, 7],
    currency: 'USD',
    flags: { rush: true },
  });
  expectTiming(timingsIn(stdout)[0], 'pricing', 0, 'a call that took no time');
});

test('in a with block, an exception still prints the timing and then reaches the caller', async () => {
  const { stdout } = await py.exec(`
    class ImportFailed(Exception):
        pass
    try:
        with ex.timed_block("import csv"):
            clock.advance(0.5)
            raise ImportFailed("bad row 17")
    except ImportFailed as error:
        caller_saw = str(error)
    else:
        caller_saw = None
  `);
  expect(
    await py.value('caller_saw'),
    'the error raised inside the with block must go on to the caller: __exit__ must not return a truthy value',
  ).toBe('bad row 17');
  expectTiming(
    timingsIn(stdout)[0],
    'import csv',
    500,
    'the block raised, and its timing should still be printed (a @contextmanager generator needs try/finally around its yield)',
  );
});

test('as a decorator, an exception still prints the timing and then reaches the caller', async () => {
  const { stdout } = await py.exec(`
    @ex.timed_block("sync users")
    def sync_users():
        clock.advance(2)
        raise TimeoutError("directory did not answer")
    try:
        sync_users()
    except TimeoutError as error:
        caller_saw = str(error)
    else:
        caller_saw = None
  `);
  expect(
    await py.value('caller_saw'),
    'the error raised by the decorated function must go on to the caller, not be swallowed',
  ).toBe('directory did not answer');
  expectTiming(timingsIn(stdout)[0], 'sync users', 2000, 'the decorated call raised, and its timing should still be printed');
});
