import { beforeEach, expect, test } from 'vitest';
import { formatDiagnostic, snippetReport, typecheck, useExercise, type SnippetReport } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// ---- run time: close_all ----------------------------------------------------------

// `Closer(name, error)` appends its name to `log` when closed, then raises
// `error` if it has one. `attempt(items)` calls close_all and keeps what came
// out: `returned` (its return value) or `raised` (the exception object), and
// `described`, a one-line account for messages.
beforeEach(async () => {
  await py.exec(`
    import io

    log = []

    class Closer:
        def __init__(self, name, error=None):
            self.name = name
            self.error = error

        def close(self):
            log.append(self.name)
            if self.error is not None:
                raise self.error

    def describe(error):
        if isinstance(error, BaseExceptionGroup):
            inner = ", ".join(f"{type(e).__name__}({e})" for e in error.exceptions)
            return f"{type(error).__name__}({str(error)!r}, [{inner}])"
        return f"{type(error).__name__}: {error}"

    def attempt(items):
        global returned, raised, described
        log.clear()
        returned = raised = None
        try:
            returned = ex.close_all(items)
            described = f"it returned {returned!r}"
        except BaseException as error:
            raised = error
            described = f"it raised {describe(error)}"
        described += f"; close() was called on {log}"
  `);
});

test('close_all closes every item, in the order given, and returns None', async () => {
  await py.exec('attempt([Closer("db"), Closer("cache"), Closer("socket")])');
  const described = await py.value<string>('described');
  expect(await py.value('log'), `every item should be closed once, in input order; ${described}`).toEqual([
    'db',
    'cache',
    'socket',
  ]);
  expect(await py.value('raised is None and returned is None'), `nothing failed, so close_all should return None; ${described}`).toBe(
    true,
  );
});

test('a close() that raises does not stop the others', async () => {
  await py.exec('attempt([Closer("db"), Closer("cache", ValueError("cache busy")), Closer("socket")])');
  const described = await py.value<string>('described');
  expect(
    await py.value('log'),
    `cache's close() raised, but socket must still be closed afterwards; ${described}. ` +
      'Catch each close() error, remember it, and carry on with the loop.',
  ).toEqual(['db', 'cache', 'socket']);
});

test('afterwards it raises one ExceptionGroup holding every error, in order', async () => {
  await py.exec(`
    first = ValueError("cache busy")
    second = OSError("socket reset")
    third = RuntimeError("queue stuck")
    attempt([Closer("db"), Closer("cache", first), Closer("socket", second), Closer("log"), Closer("queue", third)])
    is_group = isinstance(raised, ExceptionGroup)
    same_errors = is_group and list(raised.exceptions) == [first, second, third] and all(
        got is want for got, want in zip(raised.exceptions, [first, second, third]))
  `);
  const described = await py.value<string>('described');
  expect(
    await py.value('log'),
    `all five items should be closed, failures or not; ${described}`,
  ).toEqual(['db', 'cache', 'socket', 'log', 'queue']);
  expect(
    await py.value('is_group'),
    `three closes failed, so close_all should raise an ExceptionGroup holding all three; ${described}. ` +
      ((await py.value('raised is None'))
        ? 'Returning normally tells the caller everything closed fine.'
        : 'Raising only one of them hides the others from the caller.'),
  ).toBe(true);
  expect(
    await py.value('same_errors'),
    `the group's .exceptions should be the very errors that close() raised, in the order they happened ` +
      `(ValueError, OSError, RuntimeError); ${described}`,
  ).toBe(true);
});

test('a single failure is still raised inside an ExceptionGroup', async () => {
  await py.exec(`
    only = OSError("disk gone")
    attempt([Closer("a"), Closer("b", only), Closer("c")])
    wrapped = isinstance(raised, ExceptionGroup) and len(raised.exceptions) == 1 and raised.exceptions[0] is only
  `);
  expect(
    await py.value('wrapped'),
    `one close() failed; the caller should still get an ExceptionGroup (holding that one OSError), so that ` +
      `\`except* OSError\` handles one failure and many alike; ${await py.value<string>('described')}`,
  ).toBe(true);
});

test('with no failures, and with no items at all, nothing is raised', async () => {
  await py.exec('attempt([])');
  const empty = await py.value<string>('described');
  expect(
    await py.value('raised is None'),
    `close_all([]) should simply return; ${empty}. (An ExceptionGroup cannot be empty: raise it only when ` +
      'something failed.)',
  ).toBe(true);
  await py.exec('attempt([Closer("a")])');
  expect(await py.value('raised is None'), `nothing failed, so nothing should be raised; ${await py.value<string>('described')}`).toBe(
    true,
  );
});

test('close_all accepts any iterable, such as a generator', async () => {
  await py.exec(`
    attempt(Closer(name) for name in ["x", "y", "z"])
  `);
  const described = await py.value<string>('described');
  expect(await py.value('log'), `items may be any iterable, walked once; ${described}`).toEqual(['x', 'y', 'z']);
  expect(await py.value('raised is None'), `nothing failed; ${described}`).toBe(true);
});

test('a KeyboardInterrupt from close() is not collected: it propagates as itself', async () => {
  await py.exec(`
    attempt([Closer("a"), Closer("b", KeyboardInterrupt()), Closer("c")])
    kind = type(raised).__name__
  `);
  const kind = await py.value<string>('kind');
  const described = await py.value<string>('described');
  expect(
    kind,
    `Ctrl-C while closing should stop the program, not become data: expected the KeyboardInterrupt itself; ` +
      `${described}. ` +
      (kind === 'TypeError'
        ? 'The TypeError comes from putting it in an ExceptionGroup, which only holds Exceptions: catch `Exception`, not `BaseException`.'
        : kind === 'BaseExceptionGroup'
          ? 'Catching `BaseException` wrapped it in a group: catch `Exception`, so KeyboardInterrupt and SystemExit pass through.'
          : 'Catch `Exception` (not BaseException) around each close().'),
  ).toBe('KeyboardInterrupt');
});

// ---- run time: isinstance with Readable -------------------------------------------

test('isinstance(x, Readable) accepts anything with a read method, without inheritance', async () => {
  await py.exec(`
    class Pipe:
        def read(self, n=-1):
            return b""

    class Sink:
        def write(self, data):
            return len(data)

    checks = {}
    for label, value in [("Pipe()", Pipe()), ("io.BytesIO()", io.BytesIO()), ("Sink()", Sink()), ("42", 42)]:
        try:
            checks[label] = isinstance(value, ex.Readable)
        except TypeError as error:
            checks[label] = f"TypeError: {error}"
  `);
  const checks = await py.value<Record<string, boolean | string>>('checks');
  const raisedTypeError = Object.values(checks).find((v) => typeof v === 'string');
  if (raisedTypeError !== undefined) {
    expect.fail(
      `isinstance(x, Readable) raised ${raisedTypeError}. A Protocol needs the @runtime_checkable decorator ` +
        'before isinstance may use it.',
    );
  }
  expect(
    checks,
    'Pipe (which only defines read) and io.BytesIO should count as Readable, Sink and 42 should not. ' +
      ((await py.value<boolean>('__import__("typing").Protocol in ex.Readable.__mro__'))
        ? 'Readable is a Protocol; check that it declares read and nothing else.'
        : `Readable is not a typing.Protocol (its MRO: ${await py.value<string>('str([c.__name__ for c in ex.Readable.__mro__])')}), ` +
          'so isinstance only accepts its subclasses: make it subclass Protocol.'),
  ).toEqual({ 'Pipe()': true, 'io.BytesIO()': true, 'Sink()': false, '42': false });
});

test('the run-time check is shallow: it looks for read, not at its signature', async () => {
  await py.exec(`
    class TextReader:
        def read(self):
            return "text, not bytes"

    try:
        shallow = isinstance(TextReader(), ex.Readable)
    except TypeError as error:
        shallow = f"TypeError: {error}"
  `);
  expect(
    await py.value('shallow'),
    'TextReader.read takes no n and returns str, yet isinstance(TextReader(), Readable) should be True: at run ' +
      'time a runtime_checkable Protocol only checks that the method exists. Leave the real checking to pyright ' +
      '(no __subclasshook__ or custom __instancecheck__ needed).',
  ).toBe(true);
});

// ---- what pyright sees ------------------------------------------------------------

const CHECK = `
  from typing import reveal_type

  import exercise as ex


  class Handle:
      """Matches both protocols, and inherits from neither."""

      def close(self) -> None: ...

      def read(self, n: int = -1) -> bytes:
          return b""


  class Forceful:
      def close(self, force: bool) -> None: ...


  class TextReader:
      def read(self, n: int = -1) -> str:
          return ""


  class NoSizeReader:
      def read(self) -> bytes:
          return b""


  def read_everything(source: ex.Readable) -> bytes:
      return source.read()  # read-default


  closable: ex.SupportsClose = Handle()  # accepts-close
  readable: ex.Readable = Handle()  # accepts-read
  reveal_type(readable.read(16))  # read-type
  ex.close_all([Handle(), Handle()])  # close-all-list
  ex.close_all(handle for handle in [Handle()])  # close-all-generator
  forceful: ex.SupportsClose = Forceful()  # rejects-close-with-argument
  textual: ex.Readable = TextReader()  # rejects-read-returning-str
  sizeless: ex.Readable = NoSizeReader()  # rejects-read-without-n
  ex.close_all([Forceful()])  # rejects-close-all-forceful
  ex.close_all([1, 2, 3])  # rejects-close-all-ints
`;

async function pyright() {
  return snippetReport(await typecheck(py, CHECK), CHECK);
}

/** What pyright said on one marked line (and in the learner's file, which may explain it). */
function saidAt(report: SnippetReport, marker: string): string {
  const here = report.errorsAt(marker).map((d) => d.message.replaceAll('\n', ' ').replaceAll('\u00a0', ' ').replace(/\s+/g, ' '));
  const inModule = report.moduleErrors().map(formatDiagnostic);
  return (
    (here.length === 0 ? 'pyright reported nothing on that line.' : `pyright said: ${here.join(' / ')}`) +
    (inModule.length === 0 ? '' : ` In your file it found:\n  ${inModule.join('\n  ')}`)
  );
}

test('pyright accepts a class that matches both protocols without inheriting from them', async () => {
  const report = await pyright();
  for (const marker of ['# accepts-close', '# accepts-read', '# close-all-list', '# close-all-generator']) {
    expect(
      report.errorsAt(marker).length,
      `\`${report.codeAt(marker)}\` should type-check: Handle has close() -> None and read(n: int = -1) -> ` +
        'bytes, and a Protocol is satisfied by shape alone. If pyright rejects it, check that SupportsClose and ' +
        'Readable subclass typing.Protocol (an ABC or a plain class needs inheritance) and that close_all takes ' +
        `any Iterable. ${saidAt(report, marker)}`,
    ).toBe(0);
  }
});

test('pyright lets a Readable be read with no argument, and knows the result is bytes', async () => {
  const report = await pyright();
  expect(
    report.errorsAt('# read-default').length,
    `\`${report.codeAt('# read-default')}\` should type-check: in the protocol, n has the default -1 and ` +
      'read returns bytes. ' +
      saidAt(report, '# read-default'),
  ).toBe(0);
  expect(
    report.revealedAt('# read-type'),
    `\`${report.codeAt('# read-type')}\`: reading through a Readable should give bytes, but pyright revealed ` +
      `${String(report.revealedAt('# read-type'))}. ${saidAt(report, '# read-type')}`,
  ).toBe('bytes');
});

test('pyright rejects a close() that needs an argument', async () => {
  const report = await pyright();
  for (const marker of ['# rejects-close-with-argument', '# rejects-close-all-forceful']) {
    expect(
      report.errorsAt(marker).length,
      `\`${report.codeAt(marker)}\`: Forceful.close needs a force argument, so it cannot stand in for ` +
        'close() -> None and pyright should say so. It can only if close_all takes Iterable[SupportsClose] ' +
        `(not Any) and SupportsClose declares close(self) -> None. ${saidAt(report, marker)}`,
    ).toBeGreaterThan(0);
  }
});

test('pyright rejects a read() that returns str or takes no n', async () => {
  const report = await pyright();
  for (const marker of ['# rejects-read-returning-str', '# rejects-read-without-n']) {
    expect(
      report.errorsAt(marker).length,
      `\`${report.codeAt(marker)}\` should be an error: Readable promises read(n: int = -1) -> bytes, exactly. ` +
        saidAt(report, marker),
    ).toBeGreaterThan(0);
  }
});

test('pyright rejects close_all over things that cannot close', async () => {
  const report = await pyright();
  expect(
    report.errorsAt('# rejects-close-all-ints').length,
    `\`${report.codeAt('# rejects-close-all-ints')}\`: ints have no close(), so pyright should reject them; ` +
      `annotate items as Iterable[SupportsClose], not Iterable[Any] or object. ${saidAt(report, '# rejects-close-all-ints')}`,
  ).toBeGreaterThan(0);
});

test('pyright finds no type errors in the module itself', async () => {
  const report = await pyright();
  const errors = report.moduleErrors();
  expect(
    errors.length,
    `your file should type-check, but pyright found:\n  ${errors.map(formatDiagnostic).join('\n  ')}`,
  ).toBe(0);
});
