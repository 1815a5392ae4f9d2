import { expect, test } from 'vitest';
import { expectRaises, formatDiagnostic, PythonError, snippetReport, typecheck, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

/** Run `code`; return undefined if it finished, or the Python error it raised. */
async function attempt(code: string): Promise<PythonError | undefined> {
  try {
    await py.exec(code);
    return undefined;
  } catch (error) {
    if (error instanceof PythonError) return error;
    throw error;
  }
}

/** "raised ValueError: ..." or "finished without an error", for messages. */
function outcome(error: PythonError | undefined): string {
  return error === undefined ? 'it finished without an error' : `it raised ${error.pyType}: ${error.pyMessage}`;
}

/**
 * Where a value is visible besides the instance: the descriptor objects'
 * own attributes. Lets a message say "the descriptor holds 443" when it does.
 */
const PROBE = `
  def descriptor_state(cls, *names):
      """repr of each descriptor's own attributes, for messages."""
      return "; ".join(f"{cls.__name__}.__dict__[{n!r}] holds {vars(cls.__dict__[n])!r}" for n in names)

  def holds_on_descriptor(cls, name, value):
      """True when the descriptor object itself keeps value in one of its attributes."""
      return any(type(v) is type(value) and v == value for v in vars(cls.__dict__[name]).values())
`;

// ---- run-time behaviour ----------------------------------------------------------

test('Server(port, workers) stores both values and reads them back', async () => {
  const error = await attempt('server = ex.Server(8080, 16)\nread = [server.port, server.workers]');
  expect(
    error === undefined,
    `ex.Server(8080, 16) should work, but ${outcome(error)}. Look at Bounded.__set__ and __get__.`,
  ).toBe(true);
  const read = await py.value('read');
  expect(
    read,
    `Server(8080, 16) should read back port 8080 and workers 16, but read ${JSON.stringify(read)} ` +
      `(vars(server) is ${await py.value('repr(vars(server))')}). __set__ stores what __get__ must find again.`,
  ).toEqual([8080, 16]);
});

test('port and workers keep separate values on the same instance', async () => {
  const error = await attempt('server = ex.Server(80, 4)\nread = [server.port, server.workers]');
  expect(error === undefined, `ex.Server(80, 4) should work, but ${outcome(error)}`).toBe(true);
  const [port, workers] = await py.value<[unknown, unknown]>('read');
  const layout = String(await py.value('repr(vars(server))'));
  expect(
    [port, workers],
    port === workers
      ? `Server(80, 4) reads port ${String(port)} and workers ${String(workers)}: both fields share one storage ` +
          `slot, so the second assignment overwrote the first (vars(server) is ${layout}). Store each value under ` +
          'a key derived from the name __set_name__ gives each descriptor.'
      : `Server(80, 4) should read port 80 and workers 4, but read ${String(port)} and ${String(workers)} ` +
          `(vars(server) is ${layout}).`,
  ).toEqual([80, 4]);
});

test('two servers never share a value', async () => {
  await py.exec(PROBE);
  const error = await attempt(`
    first = ex.Server(80, 4)
    second = ex.Server(443, 8)
    after_second = [first.port, first.workers]
    second.port = 8443
    after_assign = [first.port, second.port]
  `);
  expect(
    error === undefined,
    `creating two servers and reassigning one port should work, but ${outcome(error)}`,
  ).toBe(true);
  const afterSecond = await py.value<number[]>('after_second');
  const afterAssign = await py.value<number[]>('after_assign');
  const onDescriptor = await py.value<boolean>(
    'holds_on_descriptor(ex.Server, "port", 8443) or holds_on_descriptor(ex.Server, "port", 443)',
  );
  const shared = onDescriptor
    ? ` The descriptor object itself holds the value ` +
      `(${String(await py.value('descriptor_state(ex.Server, "port", "workers")'))}): there is one Bounded per ` +
      'field, on the class, shared by every Server. Keep values on `instance`, not on `self`.'
    : ' Each Server needs its own storage: keep the value on the instance (or keyed by it), not in one place ' +
      'all instances share.';
  expect(
    afterSecond,
    `after Server(80, 4) and then Server(443, 8), the first server should still read [80, 4] but reads ${JSON.stringify(afterSecond)}.` +
      (JSON.stringify(afterSecond) === '[443,8]' ? shared : ''),
  ).toEqual([80, 4]);
  expect(
    afterAssign,
    `after second.port = 8443, [first.port, second.port] should be [80, 8443] but is ${JSON.stringify(afterAssign)}.` +
      (afterAssign[0] === 8443 ? shared : ''),
  ).toEqual([80, 8443]);
});

test('the bounds are inclusive: min and max themselves are accepted', async () => {
  for (const [port, workers] of [
    [1, 1],
    [65535, 256],
  ]) {
    const error = await attempt(`server = ex.Server(${port}, ${workers})\nread = [server.port, server.workers]`);
    expect(
      error === undefined,
      `Server(${port}, ${workers}) uses exactly the bounds, which are allowed, but ${outcome(error)}.` +
        (error?.pyType === 'ValueError' ? ' The bound itself was refused: the check must include it (<=, not <).' : ''),
    ).toBe(true);
    expect(await py.value('read'), `Server(${port}, ${workers}) should read back the same values`).toEqual([port, workers]);
  }
});

test('a value just outside the bounds raises ValueError', async () => {
  for (const [port, workers, why] of [
    [0, 4, 'port 0 is below min=1'],
    [65536, 4, 'port 65536 is above max=65535'],
    [80, 0, 'workers 0 is below min=1'],
    [80, 257, 'workers 257 is above max=256'],
  ] as const) {
    await expectRaises(py.exec(`ex.Server(${port}, ${workers})`), 'ValueError', `in Server(${port}, ${workers}), ${why}`);
  }
});

test('the ValueError names the field and both bounds', async () => {
  for (const [call, field, low, high] of [
    ['ex.Server(80, 300)', 'workers', '1', '256'],
    ['ex.Server(70000, 4)', 'port', '1', '65535'],
  ] as const) {
    const error = await expectRaises(py.exec(call), 'ValueError', `${call} is out of bounds`);
    // A bound counts when it stands alone: "1" inside "100" or "65535" does not.
    const missing = [
      ...(error.pyMessage.includes(field) ? [] : [field]),
      ...[low, high].filter((bound) => !new RegExp(`(?<!\\d)${bound}(?!\\d)`).test(error.pyMessage)),
    ];
    expect(
      missing,
      `${call} raised ValueError(${JSON.stringify(error.pyMessage)}), which does not mention ${missing.join(', ')}. ` +
        `Say which field failed (the name __set_name__ gave you: ${field}) and its bounds (${low} and ${high}).`,
    ).toEqual([]);
  }
});

test('assigning later is validated too, and a rejected value leaves the old one', async () => {
  await py.exec('server = ex.Server(80, 4)');
  await expectRaises(
    py.exec('server.port = 70000'),
    'ValueError',
    'server.port = 70000 goes through Bounded.__set__ like the assignment in __init__, and 70000 > 65535',
  );
  await expectRaises(py.exec('server.workers = -1'), 'ValueError', 'server.workers = -1 is below min=1');
  const read = await py.value('[server.port, server.workers]');
  expect(
    read,
    `after two rejected assignments the server should still read [80, 4], but reads ${JSON.stringify(read)}. ` +
      'Check the bounds before storing anything.',
  ).toEqual([80, 4]);
});

test('on the class, Server.port is the descriptor itself', async () => {
  const error = await attempt('on_class = ex.Server.port');
  expect(
    error === undefined,
    `reading Server.port (on the class) should return the Bounded object, but ${outcome(error)}. ` +
      'Python calls __get__(None, Server) for class access: when instance is None, return self.',
  ).toBe(true);
  const ok = await py.value('on_class is ex.Server.__dict__["port"] and isinstance(on_class, ex.Bounded)');
  expect(
    ok,
    `Server.port should be the very Bounded object stored in the class, but it is ${await py.value('repr(on_class)')}. ` +
      'When instance is None, return self.',
  ).toBe(true);
});

test('reading a field that was never set raises AttributeError naming it', async () => {
  await py.exec('blank = ex.Server.__new__(ex.Server)  # __init__ skipped: nothing assigned yet');
  const error = await expectRaises(
    py.exec('blank.workers'),
    'AttributeError',
    'no value was ever assigned to workers on this server (AttributeError keeps hasattr() and getattr(obj, name, default) working)',
  );
  expect(
    error.pyMessage,
    `the AttributeError should name the field, workers; its message was ${JSON.stringify(error.pyMessage)}`,
  ).toContain('workers');
});

test('min and max are keyword-only', async () => {
  await expectRaises(
    py.exec('ex.Bounded(1, 10)'),
    'TypeError',
    'Bounded(1, 10) is ambiguous to a reader; the API is Bounded(*, min, max), so positional bounds are refused',
  );
  const error = await attempt('field = ex.Bounded(min=1, max=10)');
  expect(error === undefined, `Bounded(min=1, max=10) should work, but ${outcome(error)}`).toBe(true);
});

test('Bounded works for any comparable values, on any class, and in subclasses', async () => {
  const error = await attempt(`
    class Mix:
        ratio = ex.Bounded(min=0.5, max=2.5)
        grade = ex.Bounded(min="A", max="F")

    class FastServer(ex.Server):
        pass

    mix = Mix()
    mix.ratio = 2.5
    mix.grade = "C"
    fast = FastServer(8000, 2)
    read = [mix.ratio, mix.grade, fast.port, fast.workers]
  `);
  expect(error === undefined, `floats, strings and a Server subclass should all work, but ${outcome(error)}`).toBe(true);
  expect(await py.value('read'), 'expected [2.5, "C", 8000, 2]').toEqual([2.5, 'C', 8000, 2]);
  const ratio = await expectRaises(py.exec('mix.ratio = 2.6'), 'ValueError', 'mix.ratio = 2.6 is above max=2.5');
  expect(
    ['ratio', '0.5', '2.5'].filter((part) => !ratio.pyMessage.includes(part)),
    `the ValueError should name the field ratio and its bounds 0.5 and 2.5, but said ${JSON.stringify(ratio.pyMessage)}`,
  ).toEqual([]);
  await expectRaises(py.exec('mix.grade = "G"'), 'ValueError', 'mix.grade = "G" sorts after max="F"');
  await expectRaises(py.exec('FastServer(0, 2)'), 'ValueError', 'FastServer inherits the port field, bounds and all');
});

// ---- what pyright sees ----------------------------------------------------------

const SNIPPET = `
  from typing import reveal_type

  import exercise as ex

  server = ex.Server(80, 4)
  reveal_type(ex.Server(80, 4).port)  # instance-port
  reveal_type(server.workers)  # instance-workers
  reveal_type(ex.Server.port)  # class-port
  reveal_type(ex.Bounded(min=0.5, max=2.5))  # float-field
  server.port = "8080"  # wrong-type
  ex.Bounded(min=object(), max=object())  # not-comparable
`;

async function pyright() {
  return snippetReport(await typecheck(py, SNIPPET), SNIPPET);
}

/** Why a revealed type is not the expected one, as far as the revealed type shows. */
function diagnose(revealed: string | undefined, expected: string): string {
  if (revealed === undefined) return 'pyright printed no type there, which usually means an error stopped it. ';
  if (revealed.includes('|')) {
    return (
      `pyright sees a union (${revealed}): a single __get__ signature promises both results for every access. ` +
      'Two @overload signatures, one for `instance: None` and one for `instance: object`, let it pick one. '
    );
  }
  if (/Unknown|Any/.test(revealed)) {
    return `pyright sees ${revealed}: something on the way (the bounds, __get__'s return type) is not typed with T. `;
  }
  return `pyright sees ${revealed} instead of ${expected}. `;
}

test('pyright infers server.port and server.workers as int', async () => {
  const report = await pyright();
  for (const marker of ['# instance-port', '# instance-workers']) {
    const revealed = report.revealedAt(marker);
    expect(
      revealed,
      `\`${report.codeAt(marker)}\` should show int. ${diagnose(revealed, 'int')}${report.describe()}`,
    ).toBe('int');
  }
});

test('pyright infers Server.port (on the class) as Bounded[int]', async () => {
  const report = await pyright();
  const revealed = report.revealedAt('# class-port');
  expect(
    revealed,
    `\`${report.codeAt('# class-port')}\` should show Bounded[int]: on the class, __get__ returns the descriptor. ` +
      `${diagnose(revealed, 'Bounded[int]')}${report.describe()}`,
  ).toBe('Bounded[int]');
});

test('pyright infers T from the bounds: Bounded(min=0.5, max=2.5) is Bounded[float]', async () => {
  const report = await pyright();
  const revealed = report.revealedAt('# float-field');
  expect(
    revealed,
    `\`${report.codeAt('# float-field')}\` should show Bounded[float]: min and max are typed T, so pyright solves T ` +
      `from them. ${diagnose(revealed, 'Bounded[float]')}${report.describe()}`,
  ).toBe('Bounded[float]');
});

test('pyright rejects assigning a str to an int field', async () => {
  const report = await pyright();
  expect(
    report.errorsAt('# wrong-type').length,
    `\`${report.codeAt('# wrong-type')}\` assigns a str to a Bounded[int] field; pyright checks it against ` +
      `__set__'s value parameter, which should be typed T. ${report.describe()}`,
  ).toBeGreaterThan(0);
});

test('pyright rejects bounds that cannot be compared', async () => {
  const report = await pyright();
  expect(
    report.errorsAt('# not-comparable').length,
    `\`${report.codeAt('# not-comparable')}\` should be a type error: plain objects have no <=. Bound T to ` +
      `something comparable (the Comparable protocol in the file). ${report.describe()}`,
  ).toBeGreaterThan(0);
});

test('pyright finds no type errors in the module itself', async () => {
  const report = await pyright();
  const errors = report.moduleErrors();
  expect(
    errors.length,
    `your file should type-check, but pyright found:\n  ${errors.map(formatDiagnostic).join('\n  ')}\n` +
      'Each line names the place in your file and what pyright could not prove there.',
  ).toBe(0);
});
