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

/** When the timing went to stderr instead of stdout, say so; otherwise ''. */
function stderrHint(stderr: string): string {
  return / took /.test(stderr)
    ? ` A timing line was written to stderr instead: ${JSON.stringify(stderr.trim().split('\n')[0])}. ` +
        'Print it to stdout (plain print()), not to stderr or a logger.'
    : '';
}

function expectTiming(actual: Timing | null | undefined, label: string, ms: number, where: string, stderr = ''): void {
  expect(
    actual ?? null,
    `${where}: expected a line "${label} took ${ms}ms" (any number of decimals), but no line of that shape was printed.` +
      stderrHint(stderr),
  ).not.toBeNull();
  expect(actual?.label, `${where}: the line should start with the label given to timed_block`).toBe(label);
  const shown = actual?.ms ?? Number.NaN;
  let cause = 'Read time.perf_counter() when the block or call starts and again when it ends.';
  if (ms > 0 && Math.abs(shown - ms / 1000) < 0.1) cause = 'That is seconds: multiply by 1000 for milliseconds.';
  else if (shown > ms)
    cause =
      'That is longer than the code ran: the clock started too early. Start it each time a block or call ' +
      'begins (in __enter__), not when timed_block(...) is created.';
  expect(
    shown,
    `${where}: the code took ${ms / 1000}s on the clock, so the line should say ${ms}ms, but it said ${shown}ms. ${cause}`,
  ).toBeCloseTo(ms, 3);
}

test('with timed_block(label): prints "<label> took <ms>ms" once the block ends', async () => {
  const { stdout, stderr } = await py.exec(`
    with ex.timed_block("load config"):
        print("reading files")
        clock.advance(0.25)
  `);
  const lines = timingsIn(stdout);
  expect(
    lines.length,
    `expected the block's own line and then one timing line, got:\n${stdout}${stderrHint(stderr)}`,
  ).toBe(2);
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
  const { stdout, stderr } = await py.exec(`
    clock.advance(10)
    render(1.5)
    clock.advance(7)
    render(0.25)
  `);
  const lines = timingsIn(stdout);
  expect(
    lines.length,
    `two calls should print two timing lines, got:\n${stdout || '(nothing)'}\n` +
      (stderrHint(stderr) ||
        '@timed_block(...) must make the function time each call. Inheriting contextlib.ContextDecorator does that.'),
  ).toBe(2);
  expectTiming(lines[0], 'render page', 1500, 'the first call');
  expectTiming(lines[1], 'render page', 250, 'the second call (timed from its own start, not from the first call)');
});

test('as a decorator, a function that calls itself gets the right time at every level', async () => {
  // Each level spends 1 s before its recursive call and 2 s after it, so the innermost call
  // takes 3 s, the middle one 6 s and the outermost 9 s; inner calls end (and print) first.
  const { stdout, stderr } = await py.exec(`
    @ex.timed_block("walk")
    def walk(depth):
        clock.advance(1)
        if depth > 0:
            walk(depth - 1)
        clock.advance(2)
    walk(2)
  `);
  const lines = timingsIn(stdout);
  const printed = lines.map((line) => (line === null ? 'another line' : `${line.label} took ${line.ms}ms`));
  expect(
    lines.length,
    `three nested calls should print three timing lines, got:\n${stdout || '(nothing)'}${stderrHint(stderr)}`,
  ).toBe(3);
  const ms = lines.map((line) => line?.ms ?? Number.NaN);
  const near = (values: number[]) => values.every((value, i) => Math.abs((ms[i] ?? Number.NaN) - value) < 0.1);
  let cause = 'Each call must be timed from its own start, however deeply the calls nest.';
  if (near([3, 6, 9])) cause = 'Those are seconds: multiply by 1000 for milliseconds.';
  else if (near([3000, 5000, 7000]))
    cause =
      'The outer calls were timed from the moment the innermost call started: the decorator uses one ' +
      'timed_block object for every call, so a single start attribute is overwritten by each recursive call ' +
      'before the outer ones end. Keep one start per use in progress (a stack), or make a fresh context per call.';
  expect(
    ms,
    `walk(2) calls walk(1), which calls walk(0); the innermost took 3000 ms, the middle 6000 ms and the ` +
      `outermost 9000 ms, so the lines should say 3000, 6000, 9000 in that order, but they were: ` +
      `${printed.join('; ')}. ${cause}`,
  ).toEqual([expect.closeTo(3000, 3), expect.closeTo(6000, 3), expect.closeTo(9000, 3)]);
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
  const { value, stdout, stderr } = await py.eval('price(120, 5, 7, currency="USD", rush=True)');
  expect(
    value,
    'the wrapped function should get every positional and keyword argument, and its result should come back ' +
      `from the call, but the call returned ${JSON.stringify(value)}` +
      (value === null ? ': the wrapper must return what the function returned.' : '.'),
  ).toEqual({
    amount: 120,
    extras: [5, 7],
    currency: 'USD',
    flags: { rush: true },
  });
  expectTiming(timingsIn(stdout)[0], 'pricing', 0, 'a call that took no time', stderr);
});

test('in a with block, an exception still prints the timing and then reaches the caller', async () => {
  const { stdout, stderr } = await py.exec(`
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
    stderr,
  );
});

test('as a decorator, an exception still prints the timing and then reaches the caller', async () => {
  const { stdout, stderr } = await py.exec(`
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
  expectTiming(
    timingsIn(stdout)[0],
    'sync users',
    2000,
    'the decorated call raised, and its timing should still be printed',
    stderr,
  );
});
