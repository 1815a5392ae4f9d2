import { expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

test('prints "calling <name>" before the wrapped function runs', async () => {
  await py.exec(`
    @ex.logged
    def add(a, b):
        print("inside add")
        return a + b
  `);
  const { stdout } = await py.call('add', [2, 3]);
  expect(
    stdout,
    'logged(add)(2, 3) should print "calling add", then let add run (which prints "inside add"). ' +
      'Check that your wrapper prints before it calls fn.',
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
  await py.exec(`
    @ex.logged
    def ping():
        return "pong"
    @ex.logged
    def pong():
        return "ping"
  `);
  const { stdout } = await py.exec('ping(); pong(); ping()');
  expect(stdout, 'each call prints one line naming the decorated function (use fn.__name__, not a fixed name)').toBe(
    'calling ping\ncalling pong\ncalling ping\n',
  );
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
