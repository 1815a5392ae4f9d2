import { expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

// The fake clock moves only when the suite calls clock.advance(seconds), so these
// tests measure exact durations without ever really waiting.
const py = useExercise(import.meta.url, { fakeTime: true });

/** When `observed` is `expected` in the wrong unit (or near zero), say so; otherwise undefined. */
function unitMistake(observed: unknown, expected: number): string | undefined {
  if (typeof observed !== 'number') return undefined;
  if (Math.abs(observed) < 1e-3) return 'Near 0 means a clock that ignores waiting (time.process_time counts CPU time only).';
  if (Math.abs(observed - expected * 1e3) < 1e-3) return 'That is milliseconds; elapsed is in seconds.';
  if (Math.abs(observed - expected * 1e9) < 1) return 'That is nanoseconds (perf_counter_ns); divide by 1e9.';
  return undefined;
}

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
  const [elapsed, kind] = await py.value<[unknown, string]>(
    '[getattr(t, "elapsed", None), type(getattr(t, "elapsed", None)).__name__]',
  );
  let cause = unitMistake(elapsed, 2.5) ?? 'Set it in __exit__ to the difference of two time.perf_counter() readings.';
  if (kind === 'timedelta') cause = 'Store a plain float of seconds, not a timedelta: this is not Go\'s time.Duration.';
  expect(
    kind,
    `after a block that took 2.5 s, t.elapsed should be the float 2.5 (seconds), but it was ${String(elapsed)} ` +
      `(type ${kind}). ${cause}`,
  ).toBe('float');
  expect(elapsed as number, `the block took 2.5 s but t.elapsed was ${String(elapsed)}. ${cause}`).toBeCloseTo(2.5, 6);
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
  const near = (seconds: number) => elapsed !== null && Math.abs(elapsed - seconds) < 1e-6;
  let cause = unitMistake(elapsed, 0.75) ?? 'Start the clock in __enter__ and stop it in __exit__.';
  if (near(10.75)) cause = 'That includes the 10 s before the block: the clock starts in __init__; start it in __enter__.';
  else if (near(30.75) || near(40.75))
    cause =
      'That includes the 30 s after the block: elapsed is worked out when it is read (a property?), so it keeps ' +
      'growing. Compute it once, in __exit__, and store it.';
  expect(
    elapsed,
    'the Timer was created 10 s before the block and read 30 s after it; the block itself took 0.75 s, ' +
      `but t.elapsed was ${elapsed}. ${cause}`,
  ).toBeCloseTo(0.75, 6);
});

test('a reused Timer measures each block on its own', async () => {
  await py.exec(`
    t = ex.Timer()
    with t:
        clock.advance(4)
    first = t.elapsed
    clock.advance(10)
    with t:
        clock.advance(1)
    second = t.elapsed
  `);
  const [first, second] = await py.value<[number, number]>('[first, second]');
  expect(first, `the first block took 4 s but t.elapsed was ${first}. ${unitMistake(first, 4) ?? ''}`).toBeCloseTo(4, 6);
  let cause = 'Each __enter__ must restart the clock, and each __exit__ must replace elapsed.';
  if (Math.abs(second - 5) < 1e-6) cause = 'That is the total of both blocks: assign elapsed (=) in __exit__, do not add to it (+=).';
  else if (Math.abs(second - 15) < 1e-6)
    cause = 'That is the time since the first block began: the clock was not restarted by the second __enter__.';
  expect(
    second,
    `a Timer timed a 4 s block, then, 10 s later, a 1 s block; after the second block t.elapsed was ${second}. ${cause}`,
  ).toBeCloseTo(1, 6);
});

test('two timers in use at the same time each measure their own block', async () => {
  await py.exec(`
    outer = ex.Timer()
    inner = ex.Timer()
    with outer:
        clock.advance(1)
        with inner:
            clock.advance(2)
        inner_right_after = getattr(inner, "elapsed", None)
        clock.advance(3)
  `);
  const [outerElapsed, innerElapsed, innerRightAfter] = await py.value<[number | null, number | null, number | null]>(
    '[getattr(outer, "elapsed", None), getattr(inner, "elapsed", None), inner_right_after]',
  );
  // Read the observed numbers for the likely cause: each shared-state mistake leaves its own fingerprint.
  let cause = 'Each Timer object must keep its own start time and its own elapsed.';
  if (outerElapsed !== null && innerElapsed !== null && Math.abs(outerElapsed - 3 * innerElapsed) < 1e-6)
    cause = 'Both are off by the same factor: check the unit (seconds) first.';
  if (outerElapsed !== null && Math.abs(outerElapsed - 5) < 1e-6) {
    cause =
      'The outer timer measured from the moment the inner one started (5 s): the start time is shared by all ' +
      'Timers (a class attribute or a module variable), so the inner __enter__ overwrote it. Store it on self.';
  } else if (innerRightAfter !== null && innerElapsed !== null && Math.abs(innerElapsed - innerRightAfter) > 1e-6) {
    cause =
      `inner.elapsed was ${innerRightAfter} when its block ended but ${innerElapsed} after the outer block ended: ` +
      'the outer __exit__ overwrote it, so elapsed is shared by all Timers (set on the class, e.g. ' +
      '`Timer.elapsed = ...` or `type(self).elapsed = ...`). Set it on self.';
  }
  expect(
    [outerElapsed, innerElapsed],
    'an outer Timer ran for 6 s around an inner Timer that ran for 2 s, so [outer.elapsed, inner.elapsed] ' +
      `should be [6, 2], but it was [${outerElapsed}, ${innerElapsed}]. ${cause}`,
  ).toEqual([expect.closeTo(6, 6), expect.closeTo(2, 6)]);
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
  const cause =
    elapsed === null
      ? 'It was never set: __exit__ runs on errors too, so set elapsed there unconditionally, whatever exc_type is.'
      : `It was ${elapsed}. ${unitMistake(elapsed, 1.5) ?? ''}`;
  expect(
    elapsed,
    `the block ran for 1.5 s and then raised, so t.elapsed should still be 1.5. ${cause}`,
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
