import { expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

/** Says what the learner's output shows, without guessing at a cause it cannot see. */
function explainCallOutput(atDecoration: string, atCall: string, name: string): string {
  const line = `calling ${name}`;
  if (atDecoration.includes(line) && !atCall.includes(line)) {
    return (
      `"${line}" was printed once, when @logged was applied, and calling ${name}() printed nothing from the wrapper. ` +
      'The body of logged runs at decoration time; the print belongs inside the inner function that logged returns, which runs on every call.'
    );
  }
  if (atCall.includes(line) && atCall.includes('inside') && atCall.indexOf(line) > atCall.indexOf('inside')) {
    return `the line came after fn's own output (got ${JSON.stringify(atCall)}): print first, then call fn.`;
  }
  if (!atCall.includes(line)) {
    return `calling ${name}() printed ${JSON.stringify(atCall)} to stdout, with no "${line}" line. Look at what your wrapper prints, and where it prints it (stdout).`;
  }
  return `calling ${name}() printed ${JSON.stringify(atCall)}. Look at the exact text your wrapper prints.`;
}

test('prints "calling <name>" before the wrapped function runs', async () => {
  const decorated = await py.exec(`
    @ex.logged
    def add(a, b):
        print("inside add")
        return a + b
  `);
  const { stdout } = await py.call('add', [2, 3]);
  expect(
    stdout,
    'logged(add)(2, 3) should print "calling add", then let add run (which prints "inside add"). ' +
      explainCallOutput(decorated.stdout, stdout, 'add'),
  ).toBe('calling add\ninside add\n');
});

test('returns exactly what the wrapped function returned', async () => {
  await py.exec(`
    marker = object()
    @ex.logged
    def give(x):
        return x
  `);
  const { value } = await py.eval('give(marker) is marker and give(None) is None and give(0) == 0');
  expect(value, 'the wrapper should `return fn(...)`: the very object fn returned, None and 0 included').toBe(true);
});

test('passes positional and keyword arguments through unchanged', async () => {
  await py.exec(`
    @ex.logged
    def describe(a, b=2, *rest, sep="-", **extra):
        return [a, b, list(rest), sep, extra]
  `);
  const { value } = await py.eval('describe(1, 5, 6, 7, sep="+", colour="red")');
  expect(value, 'call fn(*args, **kwargs) with every argument the wrapper received, keyword arguments too').toEqual([
    1,
    5,
    [6, 7],
    '+',
    { colour: 'red' },
  ]);
});

test('prints once per call, with the name of the function it wraps', async () => {
  const decorated = await py.exec(`
    @ex.logged
    def ping():
        return "pong"
    @ex.logged
    def pong():
        return "ping"
  `);
  const { stdout } = await py.exec('ping(); pong(); ping()');
  const expected = 'calling ping\ncalling pong\ncalling ping\n';
  let where = 'Each call should print one line naming the decorated function (fn.__name__).';
  if (decorated.stdout !== '' && stdout === '') {
    where = `Nothing was printed by the calls, but decorating printed ${JSON.stringify(decorated.stdout)}: the print runs once, at decoration time, instead of inside the wrapper.`;
  } else if (stdout.split('\n').filter(Boolean).length === 3) {
    where = 'One line per call is right, but the names differ: print fn.__name__, the wrapped function\'s name, not a fixed text or the wrapper\'s own name.';
  }
  expect(stdout, `ping(); pong(); ping() printed ${JSON.stringify(stdout)}. ${where}`).toBe(expected);
});

test('names a function in a class or in another function by its __name__, not its qualified name', async () => {
  await py.exec(`
    class Greeter:
        @staticmethod
        @ex.logged
        def hello():
            return "hi"
    def make_inner():
        @ex.logged
        def inner():
            return 1
        return inner
    nested = make_inner()
  `);
  const { stdout } = await py.exec('Greeter.hello(); nested()');
  expect(
    stdout,
    `Greeter.hello() then nested() should print "calling hello" and "calling inner", but printed ${JSON.stringify(stdout)}. ` +
      'The docstring asks for fn.__name__ (the bare name); fn.__qualname__ adds the class or enclosing function.',
  ).toBe('calling hello\ncalling inner\n');
});

test('decorating does not call the function or print anything yet', async () => {
  const { stdout } = await py.exec(`
    calls = []
    def record():
        calls.append(1)
    recorded = ex.logged(record)
  `);
  expect(stdout, '`@logged` runs once, at definition time: it should only build the wrapper, not print').toBe('');
  expect(await py.value('calls'), 'logged(fn) must not call fn; only calling the wrapper does').toEqual([]);
  expect(await py.value('callable(recorded)'), 'logged(fn) must return a function (the wrapper), not its result').toBe(true);
});

test('lets exceptions from the wrapped function propagate', async () => {
  await py.exec(`
    @ex.logged
    def fail():
        raise KeyError("missing")
  `);
  const error = await expectRaises(py.call('fail'), 'KeyError', 'the wrapper must not catch errors from fn');
  expect(error.pyMessage).toBe("'missing'");
});
