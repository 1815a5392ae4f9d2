import { beforeEach, expect, test } from 'vitest';
import { dedent, expectRaises, PythonError, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// Helpers that run inside Python. `what_is(name)` describes what the class holds
// under a name, for messages. `describe_recursion(exc)` finds which getter or
// setter kept calling itself when a RecursionError escaped.
beforeEach(async () => {
  await py.exec(`
    import functools
    import math

    def what_is(name):
        attr = vars(ex.Circle).get(name)
        if attr is None:
            return f"Circle.__dict__ has no {name!r} at all"
        if isinstance(attr, property):
            return "a property"
        if isinstance(attr, functools.cached_property):
            return "a functools.cached_property (computed once, then cached)"
        if callable(attr) and hasattr(attr, "__code__"):
            return "a plain method (a function), so reading it gives a bound method, not a value"
        return f"a {type(attr).__name__} object"

    def describe_recursion(exc):
        counts = {}
        tb = exc.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code
            counts[code] = counts.get(code, 0) + 1
            tb = tb.tb_next
        top = max(counts, key=counts.get)
        for name, attr in vars(ex.Circle).items():
            if isinstance(attr, property):
                for role, fn in (("getter", attr.fget), ("setter", attr.fset)):
                    if getattr(fn, "__code__", None) is top:
                        verb = "reads" if role == "getter" else "assigns"
                        return (
                            f"the {role} of {name} kept calling itself: it {verb} self.{name}, which goes "
                            f"through the {name} property again, forever"
                        )
        return f"{top.co_name} (line {top.co_firstlineno}) kept calling itself"

    def explain(error):
        if isinstance(error, RecursionError):
            return f"RecursionError ({describe_recursion(error)})"
        return f"{type(error).__name__}: {error}"

    def is_number(value):
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    def close(a, b):
        return isinstance(a, (int, float)) and not isinstance(a, bool) and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)

    def shown(value):
        if callable(value):
            return f"{value!r} (something callable, not a number: is it a property?)"
        return repr(value)
  `);
});

/**
 * Run statements; if a RecursionError escapes, say which getter or setter
 * recursed, as the traceback showed it, instead of a bare "maximum recursion depth".
 */
async function run(code: string): Promise<void> {
  const body = dedent(code)
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  try {
    await py.exec(`try:\n${body}\n    pass\nexcept RecursionError as exc:\n    last_recursion = describe_recursion(exc)\n    raise\n`);
  } catch (error) {
    if (error instanceof PythonError && error.pyType === 'RecursionError') {
      const where = await py.value<string>('last_recursion');
      throw new Error(
        `RecursionError: ${where}. Inside a property, keep the value under a different name ` +
          '(for example self._radius) and read and write that one; only code outside the property ' +
          'uses self.radius.',
      );
    }
    throw error;
  }
}

async function shown(expression: string): Promise<string> {
  return py.value<string>(`shown(${expression})`);
}

test('radius, area and diameter are property objects in the class', async () => {
  for (const name of ['radius', 'area', 'diameter']) {
    const found = await py.value<string>(`what_is(${JSON.stringify(name)})`);
    expect(
      found,
      `Circle.__dict__[${JSON.stringify(name)}] should be a property (the object @property builds), but it is ` +
        `${found}. Put @property above "def ${name}(self)" in the Circle class.`,
    ).toBe('a property');
  }
});

test('the radius property has a setter, under the same name', async () => {
  await py.exec(`
    radius_attr = vars(ex.Circle).get("radius")
    radius_setter = isinstance(radius_attr, property) and radius_attr.fset is not None
    other_setters = sorted(
        key for key, value in vars(ex.Circle).items()
        if key != "radius" and isinstance(value, property) and value.fset is not None
    )
    other_methods = sorted(
        key for key, value in vars(ex.Circle).items()
        if "radius" in key and key != "radius" and callable(value)
    )
  `);
  if (!(await py.value<boolean>('isinstance(radius_attr, property)'))) return; // the test above reports that
  const others = await py.value<string[]>('other_setters');
  const methods = await py.value<string[]>('other_methods');
  expect(
    await py.value('radius_setter'),
    'Circle.radius is a property without a setter, so c.radius = 3 (and the assignment in __init__) raises ' +
      'AttributeError. ' +
      (others.length > 0
        ? `The setter ended up on a different name, ${others.join(', ')}: the function under @radius.setter ` +
          'must itself be named radius, because the decorator returns a new property that replaces that name.'
        : methods.length > 0
          ? `There is a separate ${methods.join(', ')} method, but assignments only go through the property: ` +
            'add the setter to it with @radius.setter above "def radius(self, value)".'
          : 'Add one with @radius.setter above "def radius(self, value)".'),
  ).toBe(true);
});

test('reading and writing radius does not recurse', async () => {
  await run(`
    c = ex.Circle(2)
    c.radius = 3
    read_back = c.radius
  `);
  expect(
    await py.value('close(read_back, 3)'),
    `after c.radius = 3, c.radius should read 3, but it gave ${await shown('read_back')}`,
  ).toBe(true);
});

test('radius reads back the value given to Circle(...) or assigned later', async () => {
  await run(`
    first = ex.Circle(2).radius
    c = ex.Circle(1)
    c.radius = 4
    later = c.radius
  `);
  expect(
    await py.value('first == 2'),
    `Circle(2).radius should be 2, but it gave ${await shown('first')}. Look at the radius getter.`,
  ).toBe(true);
  expect(
    await py.value('later == 4'),
    `after c.radius = 4, c.radius should be 4, but it gave ${await shown('later')}. ` +
      'The setter should store the value it accepted where the getter reads it.',
  ).toBe(true);
});

test('area is math.pi * r**2 and diameter is 2 * r', async () => {
  await run(`
    c = ex.Circle(2)
    area2, diameter2 = c.area, c.diameter
    half = ex.Circle(0.5)
    area_half, diameter_half = half.area, half.diameter
  `);
  const approxPi = await py.value<boolean>('isinstance(area2, float) and abs(area2 - 3.14159 * 4) < 1e-9');
  expect(
    await py.value('close(area2, math.pi * 4) and close(area_half, math.pi * 0.25)'),
    `Circle(2).area should be math.pi * 4 (${Math.PI * 4}) and Circle(0.5).area math.pi * 0.25, but they were ` +
      `${await shown('area2')} and ${await shown('area_half')}. ` +
      (approxPi ? 'That is 3.14159 * r**2: use math.pi, not a rounded constant.' : 'Look at the area property.'),
  ).toBe(true);
  expect(
    await py.value('close(diameter2, 4) and close(diameter_half, 1)'),
    `Circle(2).diameter should be 4 and Circle(0.5).diameter 1, but they were ${await shown('diameter2')} and ` +
      `${await shown('diameter_half')}. Look at the diameter property.`,
  ).toBe(true);
});

test('a radius of zero is valid', async () => {
  await run(`
    try:
        zero = ex.Circle(0)
        zero_error = None
    except Exception as error:
        zero_error = explain(error)
  `);
  const initError = await py.value<string | null>('zero_error');
  expect(
    initError,
    `Circle(0) raised ${initError}.` +
      (initError?.startsWith('ValueError')
        ? ' Only a negative radius is invalid: check with "< 0", not "<= 0" or "not value".'
        : ' Zero is a valid radius.'),
  ).toBeNull();
  await run(`
    try:
        c = ex.Circle(3)
        c.radius = 0
        set_error = None
    except Exception as error:
        set_error = explain(error)
  `);
  const setError = await py.value<string | null>('set_error');
  expect(setError, `c.radius = 0 raised ${setError}. Zero is a valid radius.`).toBeNull();
  await run('zero_values = (zero.radius, zero.area, zero.diameter)');
  expect(
    await py.value('zero_values == (0, 0, 0)'),
    `Circle(0) should have radius, area and diameter 0, but they were ${await py.value('repr(zero_values)')}`,
  ).toBe(true);
});

test('ints and floats are both accepted as a radius', async () => {
  await run(`
    def attempt(action):
        try:
            return action()
        except Exception as error:
            return f"raised {explain(error)}"
    def assign(circle, value):
        circle.radius = value
        return circle.radius
    results = [
        attempt(lambda: ex.Circle(3).radius),
        attempt(lambda: ex.Circle(2.5).radius),
        attempt(lambda: assign(ex.Circle(1), 7)),
        attempt(lambda: assign(ex.Circle(1), 0.25)),
    ]
  `);
  const results = await py.value<unknown[]>('[shown(r) if isinstance(r, str) or callable(r) else r for r in results]');
  expect(
    results,
    `Circle(3), Circle(2.5), and assigning 7 and then 0.25 should give radii 3, 2.5, 7 and 0.25, but they gave ` +
      `${JSON.stringify(results)}. Check only the sign: any int or float that is not negative is fine.`,
  ).toEqual([3, 2.5, 7, 0.25]);
});

test('assigning a negative radius raises ValueError that names the value', async () => {
  await run('c = ex.Circle(2)');
  for (const bad of ['-3', '-0.5']) {
    const error = await expectRaises(
      run(`c.radius = ${bad}`),
      'ValueError',
      `the radius setter must reject ${bad} (a negative radius) with ValueError; raise it explicitly, since ` +
        'assert is skipped when Python runs with -O',
    );
    expect(
      error.pyMessage,
      `the ValueError for ${bad} should include the rejected value, but its message was ${JSON.stringify(error.pyMessage)}`,
    ).toContain(bad);
  }
});

test('a rejected radius leaves the circle unchanged', async () => {
  await run(`
    c = ex.Circle(2)
    before = (c.radius, c.area, c.diameter)
    try:
        c.radius = -5
    except ValueError:
        pass
    after = (c.radius, c.area, c.diameter)
  `);
  expect(
    await py.value('after == before'),
    `after c.radius = -5 was rejected, radius, area and diameter should still read ${await py.value('repr(before)')}, ` +
      `but they read ${await py.value('repr(after)')}. Check the value before storing it.`,
  ).toBe(true);
});

test('Circle(-1) raises ValueError too: __init__ goes through the setter', async () => {
  await run(`
    try:
        made = ex.Circle(-1)
        init_error = None
    except Exception as error:
        init_error = type(error).__name__
    try:
        probe = ex.Circle(1)
        probe.radius = -1
        setter_rejects = False
    except ValueError:
        setter_rejects = True
  `);
  const initError = await py.value<string | null>('init_error');
  const setterRejects = await py.value<boolean>('setter_rejects');
  expect(
    initError,
    initError === null
      ? setterRejects
        ? 'Circle(-1) built a circle, although assigning c.radius = -1 is rejected: __init__ stores the value ' +
          'without going through the property. Write self.radius = radius in __init__, so the setter checks it.'
        : 'Circle(-1) built a circle instead of raising ValueError. The radius setter should reject negative ' +
          'values, and __init__ should assign self.radius = radius so that check runs.'
      : `Circle(-1) raised ${initError}, expected ValueError (from the radius setter).`,
  ).toBe('ValueError');
});

test('area and diameter follow changes to radius', async () => {
  await run(`
    c = ex.Circle(1)
    before = (c.area, c.diameter)
    c.radius = 3
    after = (c.area, c.diameter)
  `);
  // Compared with the area *before* the change, so a wrong formula fails only the formula test.
  const areaOk = await py.value<boolean>('is_number(before[0]) and close(after[0], before[0] * 9)');
  const stale = await py.value<boolean>('is_number(before[0]) and close(after[0], before[0])');
  expect(
    areaOk,
    `c = Circle(1) had area ${await shown('before[0]')}; after c.radius = 3 the area should be 9 times that, ` +
      `but it was ${await shown('after[0]')}. ` +
      (stale
        ? 'That is still the area of the radius-1 circle: it was computed once and kept. Compute it from the ' +
          'current radius inside the getter, on every read.'
        : 'Compute it from the current radius inside the area getter.'),
  ).toBe(true);
  const diameterStale = await py.value<boolean>('is_number(before[1]) and close(after[1], before[1])');
  expect(
    await py.value('is_number(before[1]) and close(after[1], before[1] * 3)'),
    `c = Circle(1) had diameter ${await shown('before[1]')}; after c.radius = 3 it should be 3 times that, but it was ${await shown('after[1]')}. ` +
      (diameterStale
        ? 'That is still the diameter of the radius-1 circle: compute it in the getter, not in __init__.'
        : 'Look at the diameter property.'),
  ).toBe(true);
});

for (const name of ['diameter', 'area']) {
  test(`assigning to ${name} raises AttributeError and changes nothing`, async () => {
    await run(`
      c = ex.Circle(2)
      before = (c.radius, c.area, c.diameter)
      try:
          c.${name} = 10
          assign_error = None
      except Exception as error:
          assign_error = type(error).__name__
      after = (c.radius, c.area, c.diameter)
      shadowed = ${JSON.stringify(name)} in getattr(c, "__dict__", {})
    `);
    const assignError = await py.value<string | null>('assign_error');
    let observed: string;
    if (assignError !== null) observed = `it raised ${assignError}`;
    else if (await py.value<boolean>('shadowed'))
      observed = `it was stored in the instance's own __dict__, replacing the computed value, so ${name} is not a property`;
    else if (await py.value<boolean>('after != before'))
      observed = `it was accepted and changed the circle: radius, area, diameter went from ${await py.value(
        'repr(before)',
      )} to ${await py.value('repr(after)')}. Remove the ${name} setter`;
    else
      observed =
        'it was silently ignored (a setter that does nothing, as sloppy JavaScript does for a getter-only ' +
        `property). Remove the ${name} setter: a property without one raises AttributeError by itself`;
    expect(
      assignError,
      `c.${name} = 10 should raise AttributeError because ${name} is read-only, but ${observed}.`,
    ).toBe('AttributeError');
    expect(
      await py.value('after == before'),
      `the rejected c.${name} = 10 should leave the circle as it was, but radius, area, diameter went from ` +
        `${await py.value('repr(before)')} to ${await py.value('repr(after)')}`,
    ).toBe(true);
  });
}

test('each circle keeps its own radius', async () => {
  await run(`
    a = ex.Circle(1)
    b = ex.Circle(2)
    a.radius = 5
    radii = (a.radius, b.radius)
    on_class = sorted(
        key for key, value in vars(ex.Circle).items()
        if not key.startswith("__") and isinstance(value, (int, float)) and not isinstance(value, bool)
    )
  `);
  const onClass = await py.value<string[]>('on_class');
  expect(
    await py.value('radii == (5, 2)'),
    `a = Circle(1), b = Circle(2), then a.radius = 5: a.radius and b.radius should be 5 and 2, but they were ` +
      `${await py.value('repr(radii)')}. ` +
      (onClass.length > 0
        ? `The class itself holds ${onClass.join(', ')}, a value every circle shares: store it on self, the instance.`
        : 'Each circle needs its own storage: store the value on self, the instance.'),
  ).toBe(true);
});
