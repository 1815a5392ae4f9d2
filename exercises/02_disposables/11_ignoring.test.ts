import { expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

test('`with Ignoring(...) as ig` binds the Ignoring itself', async () => {
  await py.exec(`
    guard = ex.Ignoring(KeyError)
    with guard as bound:
        pass
  `);
  expect(
    await py.value('bound is guard'),
    `\`as\` binds what __enter__ returns, and it returned ${await py.value('repr(bound)')}. ` +
      'End __enter__ with `return self` so callers can read ig.ignored.',
  ).toBe(true);
});

test('ignored starts at 0', async () => {
  expect(
    await py.value('ex.Ignoring(KeyError).ignored'),
    'a new Ignoring has swallowed nothing yet: set self.ignored = 0 in __init__',
  ).toBe(0);
});

test('a matching exception ends the block quietly and execution carries on after it', async () => {
  await py.exec(`
    steps = []
    with ex.Ignoring(KeyError) as ig:
        steps.append("before")
        {}["missing"]
        steps.append("rest of the block")
    steps.append("after the with")
  `);
  expect(
    await py.value('steps'),
    'a KeyError inside `with Ignoring(KeyError)` should skip the rest of the block and continue after it. ' +
      'Return True from __exit__ when exc_type matches.',
  ).toEqual(['before', 'after the with']);
  expect(await py.value('ig.ignored'), 'one exception was swallowed, so ig.ignored should be 1').toBe(1);
});

test('subclasses of a chosen type are swallowed too', async () => {
  await py.exec(`
    results = []
    guard = ex.Ignoring(LookupError)
    for error in (KeyError("k"), IndexError(3), LookupError("plain")):
        try:
            with guard:
                raise error
            results.append("swallowed")
        except BaseException as error:
            results.append(f"escaped: {type(error).__name__}")
  `);
  const results = await py.value<string[]>('results');
  expect(
    results,
    `Ignoring(LookupError) should swallow a KeyError, an IndexError (both subclasses) and a LookupError, but got: ` +
      `${results.join(', ')}. ` +
      (results[2] === 'swallowed'
        ? 'Only the exact type matched: compare with issubclass(exc_type, ...), which understands subclasses ' +
          '(`exc_type in ...` or `==` only finds exact types).'
        : 'Not even LookupError itself matched: exc_type is a class, not an instance, so compare it with ' +
          'issubclass(exc_type, ...), not isinstance.'),
  ).toEqual(['swallowed', 'swallowed', 'swallowed']);
  expect(await py.value('guard.ignored'), 'three exceptions were swallowed, so ignored should be 3').toBe(3);
});

test('any of several chosen types is swallowed', async () => {
  await py.exec(`
    results = []
    for error in (KeyError("k"), ZeroDivisionError("zero"), TimeoutError("slow")):
        try:
            with ex.Ignoring(KeyError, ZeroDivisionError, TimeoutError):
                raise error
            results.append("swallowed")
        except BaseException as escaped:
            results.append(f"escaped: {type(escaped).__name__}")
  `);
  const results = await py.value<string[]>('results');
  expect(
    results,
    'Ignoring(KeyError, ZeroDivisionError, TimeoutError) should swallow each of the three, but got: ' +
      `${results.join(', ')}. ` +
      (results[0] === 'swallowed' && results[1] !== 'swallowed'
        ? 'Only the first type matched: keep every type passed as *exc_types (a tuple), not just the first.'
        : 'Look at how __exit__ compares exc_type with the chosen types.'),
  ).toEqual(['swallowed', 'swallowed', 'swallowed']);
});

test('any other exception propagates unchanged and is not counted', async () => {
  await py.exec(`
    guard = ex.Ignoring(KeyError)
    error = ValueError("bad input")
  `);
  const raised = await expectRaises(
    py.exec(`
      with guard:
          raise error
    `),
    'ValueError',
    'Ignoring(KeyError) must let every other exception through: return False from __exit__',
  );
  expect(raised.pyMessage).toBe('bad input');
  expect(await py.value('guard.ignored'), 'the ValueError was not swallowed, so it must not be counted').toBe(0);
});

test('a parent of a chosen type is not swallowed', async () => {
  await py.exec(`
    guard = ex.Ignoring(FileNotFoundError)
  `);
  await expectRaises(
    py.exec(`
      with guard:
          raise OSError("disk on fire")
    `),
    'OSError',
    'FileNotFoundError is a kind of OSError, not the other way round: Ignoring(FileNotFoundError) ' +
      'must let a plain OSError through',
  );
  expect(await py.value('guard.ignored'), 'nothing was swallowed, so ignored should stay 0').toBe(0);
});

test('BaseExceptions outside the chosen types, like KeyboardInterrupt, still propagate', async () => {
  await py.exec(`
    guard = ex.Ignoring(Exception)
    try:
        with guard:
            raise KeyboardInterrupt
        outcome = "swallowed"
    except KeyboardInterrupt:
        outcome = "propagated"
  `);
  expect(
    await py.value('outcome'),
    'KeyboardInterrupt is not a subclass of Exception, so Ignoring(Exception) must not swallow it',
  ).toBe('propagated');
});

test('a block that finishes normally is not counted', async () => {
  await py.exec(`
    guard = ex.Ignoring(KeyError)
    with guard:
        value = {"k": 1}["k"]
  `);
  expect(
    await py.value('guard.ignored'),
    'no exception happened, so ignored should stay 0. On a clean exit exc_type is None: only count ' +
      'when there was an exception and it matched.',
  ).toBe(0);
});

test('a reused Ignoring keeps counting across blocks', async () => {
  await py.exec(`
    guard = ex.Ignoring(KeyError)
    for key in ["a", "b", "present", "c"]:
        with guard:
            {"present": 1}[key]
  `);
  const ignored = await py.value<number>('guard.ignored');
  let cause = 'Count in __exit__, once per swallowed exception.';
  if (ignored === 1) cause = 'Only the last swallow was counted: reset the count in __init__ only, not in __enter__.';
  else if (ignored === 4) cause = 'The block that finished cleanly was counted too: on a clean exit exc_type is None.';
  expect(
    ignored,
    `three of four blocks raised KeyError, so ignored should be 3, but it was ${ignored}. ${cause}`,
  ).toBe(3);
});

test('Ignoring() with no types swallows nothing', async () => {
  await expectRaises(
    py.exec(`
      with ex.Ignoring():
          raise RuntimeError("not ignored")
    `),
    'RuntimeError',
    'an Ignoring given no types has nothing to match, so every exception must propagate',
  );
});

test('each Ignoring keeps its own count', async () => {
  await py.exec(`
    keys = ex.Ignoring(KeyError)
    zeros = ex.Ignoring(ZeroDivisionError)
    with keys:
        {}["missing"]
    with keys:
        {}["gone"]
    with zeros:
        1 / 0
  `);
  const [keys, zeros] = await py.value<[number, number]>('[keys.ignored, zeros.ignored]');
  expect(
    [keys, zeros],
    'one Ignoring swallowed two KeyErrors and another one ZeroDivisionError, so their counts should be ' +
      `[2, 1], but they were [${keys}, ${zeros}]` +
      (keys === zeros ? ': the two instances share one count. Keep it on self (self.ignored += 1), not on the class.' : '.'),
  ).toEqual([2, 1]);
});

test('after swallowing one error, an Ignoring still lets other errors through', async () => {
  await py.exec(`
    guard = ex.Ignoring(KeyError)
    with guard:
        {}["missing"]
  `);
  await expectRaises(
    py.exec(`
      with guard:
          raise ValueError("not a KeyError")
    `),
    'ValueError',
    'the same Ignoring(KeyError) already swallowed a KeyError, but a ValueError still does not match: ' +
      'whether __exit__ returns True must depend only on this exception, not on what happened before',
  );
  expect(await py.value('guard.ignored'), 'only the KeyError was swallowed, so ignored should be 1').toBe(1);
});

test('a chosen BaseException type, like KeyboardInterrupt, is swallowed too', async () => {
  await py.exec(`
    class Cancelled(BaseException):
        pass

    results = []
    guard = ex.Ignoring(KeyboardInterrupt, Cancelled)
    for error in (KeyboardInterrupt(), Cancelled("stop")):
        try:
            with guard:
                raise error
            results.append("swallowed")
        except BaseException as escaped:
            results.append(f"escaped: {type(escaped).__name__}")
  `);
  const results = await py.value<string[]>('results');
  expect(
    results,
    'Ignoring(KeyboardInterrupt, Cancelled), where Cancelled subclasses BaseException, should swallow both, ' +
      `but got: ${results.join(', ')}. The caller chose these types: match exc_type against them whatever ` +
      'they inherit from, without a separate check for Exception.',
  ).toEqual(['swallowed', 'swallowed']);
});
