import { expect, test } from 'vitest';
import {
  dedent,
  expectRaises,
  formatDiagnostic,
  snippetLine,
  typecheck,
  useExercise,
  type TypeDiagnostic,
} from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// ---- runtime behaviour --------------------------------------------------------

test('records each call as (name, positional args, keyword args) in audited.log', async () => {
  await py.exec(`
    @ex.audited
    def area(width, height, *, unit="m"):
        return f"{width * height}{unit}"
    start = len(ex.audited.log)
    area(2, 3, unit="cm")
    area(4, height=5)
  `);
  const recorded = await py.value('list(ex.audited.log)[start:] == [("area", (2, 3), {"unit": "cm"}), ("area", (4,), {"height": 5})]');
  expect(
    recorded,
    `area(2, 3, unit="cm") then area(4, height=5) should add ("area", (2, 3), {"unit": "cm"}) and ("area", (4,), {"height": 5}) ` +
      `to audited.log, but the new entries are ${await py.value('repr(list(ex.audited.log)[start:])')}. ` +
      'Append (fn.__name__, args, kwargs) in the wrapper: args is already a tuple, kwargs already a dict.',
  ).toBe(true);
});

test("records a method under its own __name__, with the instance as the first positional argument", async () => {
  await py.exec(`
    class Ledger:
        @ex.audited
        def post(self, amount, *, memo=""):
            return True
    ledger = Ledger()
    start = len(ex.audited.log)
    # The method looked up on the class, with the instance passed explicitly
    # (like Go's method expression Ledger.Post(l, 5)).
    Ledger.post(ledger, 5, memo="rent")
    entries = list(ex.audited.log)[start:]
  `);
  const names = await py.value<unknown[]>('[entry[0] if isinstance(entry, tuple) and entry else entry for entry in entries]');
  expect(
    names,
    `Ledger.post(ledger, 5, memo="rent") should log the name "post" (fn.__name__), but the log got ${JSON.stringify(names)}. ` +
      (names.includes('Ledger.post')
        ? 'That is fn.__qualname__, which adds the class name; the docstring asks for fn.__name__.'
        : 'Record fn.__name__, the plain string name of the wrapped function.'),
  ).toEqual(['post']);
  expect(
    await py.value('entries == [("post", (ledger, 5), {"memo": "rent"})]'),
    `the record should be ("post", (ledger, 5), {"memo": "rent"}): the instance is the first positional argument. Got ${await py.value(
      'repr(entries)',
    )}`,
  ).toBe(true);
});

test('returns exactly what the wrapped function returned and passes arguments through', async () => {
  await py.exec(`
    marker = object()
    @ex.audited
    def echo(*args, **kwargs):
        return marker, args, kwargs
  `);
  const ok = await py.value('echo(1, 2, x=3) == (marker, (1, 2), {"x": 3}) and echo()[0] is marker');
  expect(ok, 'the wrapper should `return fn(*args, **kwargs)`: the same object fn returned, with every argument passed on').toBe(
    true,
  );
});

test('records the call before the function runs, so calls that raise are in the log too', async () => {
  await py.exec(`
    @ex.audited
    def withdraw(amount):
        raise PermissionError("account frozen")
    start = len(ex.audited.log)
  `);
  const error = await expectRaises(py.call('withdraw', [50]), 'PermissionError', 'audited must let errors from fn propagate');
  expect(error.pyMessage).toBe('account frozen');
  expect(
    await py.value('list(ex.audited.log)[start:] == [("withdraw", (50,), {})]'),
    `withdraw(50) raised, and an audit trail must still show it: expected ("withdraw", (50,), {}) in audited.log, ` +
      `but the new entries are ${await py.value('repr(list(ex.audited.log)[start:])')}. Record first, then call fn.`,
  ).toBe(true);
});

test('one log is shared by every audited function, and decorating another does not reset it', async () => {
  await py.exec(`
    start = len(ex.audited.log)
    @ex.audited
    def first(x):
        return x
    first(1)
    @ex.audited
    def second(x):
        return x
    second(2)
    first(3)
  `);
  const entries = await py.value('repr(list(ex.audited.log)[start:])');
  expect(
    await py.value('list(ex.audited.log)[start:] == [("first", (1,), {}), ("second", (2,), {}), ("first", (3,), {})]'),
    'calls to first(1), second(2), first(3) should all land, in that order, in the one list audited.log ' +
      `(created once, at module level), but the new entries are ${String(entries)}`,
  ).toBe(true);
});

test('decorating alone records nothing and does not call the function', async () => {
  await py.exec(`
    start = len(ex.audited.log)
    calls = []
    def idle():
        calls.append(1)
    idle_audited = ex.audited(idle)
  `);
  expect(await py.value('calls'), 'audited(fn) must not call fn; only calling the wrapper does').toEqual([]);
  expect(await py.value('len(ex.audited.log) - start'), 'decorating must not add to audited.log; only calls do').toBe(0);
});

test("keeps the wrapped function's name, docstring, type hints and signature", async () => {
  await py.exec(`
    class Ledger:
        def post(self, amount: int, *, memo: str = "") -> bool:
            """Post an amount to the ledger."""
            return True
    original = Ledger.post
    audited_post = ex.audited(original)
  `);
  const problems = await py.metadataProblems('original', 'audited_post');
  expect(problems, 'decorate the wrapper with @functools.wraps(fn) (or use functools.update_wrapper)').toEqual([]);
});

// ---- what pyright sees ----------------------------------------------------------

const CHECK = `
  from typing import assert_type

  import exercise as ex


  def area(width: float, height: float, *, unit: str = "m") -> str:
      return f"{width * height}{unit}"


  @ex.audited
  def tags(*names: str) -> set[str]:
      return set(names)


  checked_area = ex.audited(area)

  assert_type(checked_area(2.0, 3.0, unit="cm"), str)  # keeps-return-call
  assert_type(tags("a", "b"), set[str])  # keeps-return-decorated
  checked_area("wide", 3.0)  # wrong-type-call
  tags("a", 1)  # wrong-type-decorated
  checked_area(2.0, 3.0, colour="red")  # unknown-keyword
`;

/** pyright over the module and CHECK. Cached by content, so only the first test waits for it. */
function pyright() {
  return typecheck(py, CHECK, { settings: { analyzeUnannotatedFunctions: false } });
}

function errorsAt(diagnostics: TypeDiagnostic[], marker: string): TypeDiagnostic[] {
  const line = snippetLine(CHECK, marker);
  return diagnostics.filter((d) => d.origin === 'snippet' && d.line === line && d.severity === 'error');
}

function codeAt(marker: string): string {
  return CHECK.split('\n').find((line) => line.includes(marker))?.trim().replace(/\s+#.*$/, '') ?? marker;
}

/** What pyright said, with the checked line's code shown for findings in CHECK. */
function report(diagnostics: TypeDiagnostic[]): string {
  const checkLines = dedent(CHECK).split('\n');
  const lines = diagnostics
    .filter((d) => d.severity !== 'information' && d.rule !== 'reportFunctionMemberAccess')
    .map((d) =>
      d.origin === 'snippet'
        ? `\`${checkLines[d.line - 1]?.trim().replace(/\s+#.*$/, '') ?? ''}\`: ${d.message.replaceAll('\n', ' ')}`
        : formatDiagnostic(d),
    );
  return lines.length === 0 ? 'pyright reported nothing there.' : `pyright reported:\n  ${lines.join('\n  ')}`;
}

test('pyright still knows the return type after decoration', async () => {
  const { diagnostics } = await pyright();
  for (const marker of ['# keeps-return-call', '# keeps-return-decorated']) {
    expect(
      errorsAt(diagnostics, marker),
      `\`${codeAt(marker)}\` should type-check: audited must return Callable[P, R] with fn's own R, not Any or object. ` +
        report(diagnostics),
    ).toEqual([]);
  }
});

test('pyright reports a call with wrong argument types', async () => {
  const { diagnostics } = await pyright();
  for (const marker of ['# wrong-type-call', '# wrong-type-decorated']) {
    expect(
      errorsAt(diagnostics, marker).length,
      `\`${codeAt(marker)}\` passes a wrong argument type, so pyright should flag it; it can only if audited's type ` +
        'keeps fn\'s parameters (Callable[P, R], not Callable[..., R]). ' +
        report(diagnostics),
    ).toBeGreaterThan(0);
  }
});

test('pyright reports a keyword argument the function does not have', async () => {
  const { diagnostics } = await pyright();
  expect(
    errorsAt(diagnostics, '# unknown-keyword').length,
    `\`${codeAt('# unknown-keyword')}\` names a parameter area does not have; a ParamSpec keeps parameter names, ` +
      'so pyright should flag it. ' +
      report(diagnostics),
  ).toBeGreaterThan(0);
});

test('pyright finds no type errors in the module itself', async () => {
  const { diagnostics } = await pyright();
  // Checkers do not model attributes on functions; `audited.log` is the one place that needs them.
  const errors = diagnostics.filter(
    (d) => d.origin === 'module' && d.severity === 'error' && d.rule !== 'reportFunctionMemberAccess',
  );
  expect(
    errors.length,
    'your file should type-check, but pyright found:\n  ' +
      errors.map(formatDiagnostic).join('\n  ') +
      '\nAnnotate the wrapper as (*args: P.args, **kwargs: P.kwargs) -> R, and make sure what audited returns ' +
      'matches its declared return type.',
  ).toBe(0);
});
