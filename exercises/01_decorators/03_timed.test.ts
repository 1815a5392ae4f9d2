import { expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

// The fake clock: time.perf_counter() only moves when a test calls clock.advance(seconds).
const py = useExercise(import.meta.url, { fakeTime: true });

/** Runs a call with stdout captured, keeping whatever it raised (even a BaseException). */
const CAPTURE = `
  import contextlib
  import io

  def capture(fn, *args, **kwargs):
      buffer = io.StringIO()
      value = error = None
      with contextlib.redirect_stdout(buffer):
          try:
              value = fn(*args, **kwargs)
          except BaseException as exc:
              error = exc
      return value, error, buffer.getvalue()
`;

const TIMING = /^(\S+) took (-?\d+(?:\.(\d+))?)ms$/;

/**
 * How the printed lines differ from the expected [name, milliseconds] pairs.
 * The docstring promises two decimals ("12.50ms"), so exactly two are required;
 * the value may be off by rounding (0.01 ms) but no more.
 */
function timingProblems(stdout: string, expected: [string, number][]): string[] {
  const lines = stdout.split('\n').filter((line) => line !== '');
  const problems: string[] = [];
  if (lines.length !== expected.length) {
    problems.push(`expected ${expected.length} line(s), got ${lines.length}: ${JSON.stringify(lines)}`);
  }
  expected.forEach(([name, ms], index) => {
    const line = lines[index];
    const want = `${name} took ${ms.toFixed(2)}ms`;
    if (line === undefined) return;
    const match = TIMING.exec(line);
    if (!match || match[1] !== name || Math.abs(Number(match[2]) - ms) > 0.0051) {
      problems.push(`line ${index + 1} is ${JSON.stringify(line)}, expected ${JSON.stringify(want)}`);
    } else if ((match[3] ?? '').length !== 2) {
      problems.push(
        `line ${index + 1} is ${JSON.stringify(line)}: the value is right but has ${(match[3] ?? '').length} decimal(s); ` +
          `the docstring asks for exactly two (${JSON.stringify(want)}). A format spec such as :.2f pads with zeros; round() does not.`,
      );
    }
  });
  return problems;
}

function listed(problems: string[]): string {
  return problems.length === 0 ? '' : `\n  - ${problems.join('\n  - ')}\n`;
}

test('prints "<name> took <ms>ms" after the call, with the milliseconds it took', async () => {
  await py.exec(`
    @ex.timed
    def load(path):
        print(f"reading {path}")
        clock.advance(0.0125)
        return "data"
  `);
  const { stdout } = await py.call('load', ['a.csv']);
  expect(stdout.split('\n')[0], 'load prints its own line first; the timing line comes once it has finished').toBe(
    'reading a.csv',
  );
  const problems = timingProblems(stdout.split('\n').slice(1).join('\n'), [['load', 12.5]]);
  expect(
    problems,
    'load ran for 12.5 ms of (fake) perf_counter time, so the line should read "load took 12.50ms": ' +
      'the milliseconds are (end - start) * 1000, printed with two decimals' +
      listed(problems),
  ).toEqual([]);
});

test('returns exactly what the wrapped function returned, with every argument passed through', async () => {
  await py.exec(`
    marker = object()
    @ex.timed
    def echo(*args, **kwargs):
        return marker, args, kwargs
  `);
  const { value } = await py.eval('echo(1, 2, key="v") == (marker, (1, 2), {"key": "v"}) and echo()[0] is marker');
  expect(value, 'the wrapper should return fn(*args, **kwargs): the same object fn returned').toBe(true);
});

test('times only the call itself, not the time before or between calls', async () => {
  await py.exec(`
    @ex.timed
    def step(seconds):
        clock.advance(seconds)
    clock.advance(5)
  `);
  const first = await py.call('step', [0.003]);
  await py.exec('clock.advance(7)');
  const second = await py.call('step', [0.001]);
  const problems = timingProblems(first.stdout + second.stdout, [
    ['step', 3],
    ['step', 1],
  ]);
  expect(
    problems,
    'read perf_counter inside the wrapper, right before calling fn (not when decorating, not from the previous call)' +
      listed(problems),
  ).toEqual([]);
});

test('still prints the timing line when the function raises, and the very same error propagates', async () => {
  await py.exec(CAPTURE);
  await py.exec(`
    failure = ValueError("bad row 7")
    @ex.timed
    def parse():
        clock.advance(0.040)
        raise failure
    value, error, printed = capture(parse)
  `);
  const raised = await py.value<string>('type(error).__name__ if error is not None else "nothing"');
  expect(
    raised,
    'parse raises ValueError; timed must let it propagate (no `except` that returns, logs or replaces it)',
  ).toBe('ValueError');
  expect(
    await py.value('error is failure'),
    'the caller should get the exact exception parse raised, not a new or wrapped one: let `finally` re-raise it',
  ).toBe(true);
  const problems = timingProblems(await py.value<string>('printed'), [['parse', 40]]);
  expect(
    problems,
    'the timing line must be printed even though parse raised: put the print in a `finally` block' + listed(problems),
  ).toEqual([]);
});

test('still prints when the call is cut short by a BaseException such as KeyboardInterrupt', async () => {
  await py.exec(CAPTURE);
  await py.exec(`
    @ex.timed
    def crunch():
        clock.advance(0.002)
        raise KeyboardInterrupt
    value, error, printed = capture(crunch)
  `);
  expect(
    await py.value('type(error).__name__ if error is not None else "nothing"'),
    'KeyboardInterrupt must reach the caller untouched',
  ).toBe('KeyboardInterrupt');
  const problems = timingProblems(await py.value<string>('printed'), [['crunch', 2]]);
  expect(
    problems,
    '`except Exception` does not see KeyboardInterrupt (it derives from BaseException), but `finally` always runs' +
      listed(problems),
  ).toEqual([]);
});

test('a recursive function has each level timed on its own', async () => {
  await py.exec(`
    @ex.timed
    def countdown(n):
        clock.advance(0.001)
        if n > 0:
            countdown(n - 1)
  `);
  const { stdout } = await py.call('countdown', [2]);
  const problems = timingProblems(stdout, [
    ['countdown', 1],
    ['countdown', 2],
    ['countdown', 3],
  ]);
  expect(
    problems,
    'each call needs its own start time: keep it in a local variable of the wrapper, not on the decorator or a shared object' +
      listed(problems),
  ).toEqual([]);
});

test("keeps the wrapped function's name, docstring and signature", async () => {
  await py.exec(`
    def resize(width: int, height: int, *, keep_ratio: bool = True) -> tuple[int, int]:
        """Resize to the given box."""
        return width, height
    timed_resize = ex.timed(resize)
  `);
  const problems = await py.metadataProblems('resize', 'timed_resize');
  expect(problems, 'decorate the wrapper with @functools.wraps(fn), as in exercise 02' + listed(problems)).toEqual([]);
});

test('decorating prints nothing and does not call the function', async () => {
  const { stdout } = await py.exec(`
    calls = []
    def job():
        calls.append(1)
    timed_job = ex.timed(job)
  `);
  expect(stdout, 'timed(fn) only builds the wrapper; the timing line belongs to each call').toBe('');
  expect(await py.value('calls'), 'timed(fn) must not call fn').toEqual([]);
});
