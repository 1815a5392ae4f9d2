import { expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

// The fake clock moves only when the suite calls clock.advance(seconds), so these
// tests measure exact durations without ever really waiting.
const py = useExercise(import.meta.url, { fakeTime: true });

test('`with Timer() as t` binds the Timer itself', async () => {
  await py.exec(`
    timer = ex.Timer()
    with timer as bound:
        pass
  `);
  expect(
    await py.value('bound is timer'),
    `\`as\` binds what __enter__ returns, and it returned ${await py.value('repr(bound)')}. ` +
      'End __enter__ with `return self`.',
  ).toBe(true);
});

test('elapsed is the number of seconds the block took', async () => {
  await py.exec(`
    with ex.Timer() as t:
        clock.advance(2.5)
  `);
  const elapsed = await py.value('getattr(t, "elapsed", None)');
  expect(
    elapsed,
    'after a block that took 2.5 s, t.elapsed should be 2.5 (a float, in seconds). Set it in __exit__ ' +
      'from time.perf_counter() (or time.monotonic()), not from CPU time, and not in milliseconds.',
  ).toBeTypeOf('number');
  expect(
    elapsed as number,
    `the block took 2.5 s but t.elapsed was ${elapsed}. Near 0 means a clock that ignores waiting ` +
      '(time.process_time counts CPU time only); 2500 means milliseconds. Use time.perf_counter().',
  ).toBeCloseTo(2.5, 6);
});

test('only the block is timed, not the time before or after it', async () => {
  await py.exec(`
    t = ex.Timer()
    clock.advance(10)
    with t:
        clock.advance(0.75)
    clock.advance(30)
  `);
  const elapsed = await py.value<number | null>('getattr(t, "elapsed", None)');
  expect(
    elapsed,
    'the Timer was created 10 s before the block and read 30 s after it; the block itself took 0.75 s. ' +
      `t.elapsed was ${elapsed}. Start the clock in __enter__ (not __init__) and stop it in __exit__.`,
  ).toBeCloseTo(0.75, 6);
});

test('a reused Timer measures each block on its own', async () => {
  await py.exec(`
    t = ex.Timer()
    with t:
        clock.advance(4)
    first = t.elapsed
    with t:
        clock.advance(1)
    second = t.elapsed
  `);
  const [first, second] = await py.value<[number, number]>('[first, second]');
  expect(first, `the first block took 4 s but t.elapsed was ${first}`).toBeCloseTo(4, 6);
  expect(
    second,
    `the second block took 1 s but t.elapsed was ${second}: each __enter__ must restart the clock`,
  ).toBeCloseTo(1, 6);
});

test('elapsed is set even when the block raises', async () => {
  await py.exec(`
    t = ex.Timer()
    try:
        with t:
            clock.advance(1.5)
            raise RuntimeError("the block failed")
    except RuntimeError:
        pass
  `);
  const elapsed = await py.value<number | null>('getattr(t, "elapsed", None)');
  expect(
    elapsed,
    'the block ran for 1.5 s and then raised, so t.elapsed should still be 1.5. __exit__ runs on errors ' +
      'too: set elapsed there unconditionally, whatever exc_type is.',
  ).toBeCloseTo(1.5, 6);
});

test('an exception from the block is never swallowed', async () => {
  const error = await expectRaises(
    py.exec(`
      with ex.Timer():
          raise KeyError("missing row")
    `),
    'KeyError',
    'a Timer only measures; __exit__ must return None or False so the error carries on',
  );
  expect(error.pyMessage, 'the exception should come out of the with block unchanged').toBe("'missing row'");
});

test('every kind of exception passes through unchanged, BaseException subclasses too', async () => {
  await py.exec(`
    class Cancelled(BaseException):
        pass

    outcomes = []
    for error in (ValueError("bad"), LookupError("gone"), Cancelled("stop")):
        try:
            with ex.Timer():
                raise error
        except BaseException as caught:
            outcomes.append("same" if caught is error else f"replaced by {caught!r}")
        else:
            outcomes.append(f"{error!r} was swallowed")
  `);
  const outcomes = await py.value<string[]>('outcomes');
  expect(
    outcomes,
    'a ValueError, a LookupError and a BaseException subclass were raised in turn; each should reach the ' +
      `caller as the very same object, but got: ${outcomes.join('; ')}. Look at what __exit__ returns ` +
      '(only a falsy value lets the error through) and whether it raises something of its own.',
  ).toEqual(['same', 'same', 'same']);
});
