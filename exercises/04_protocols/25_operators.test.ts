import { beforeEach, expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// Helpers in the suite namespace. Probes run inside Python and come back as
// text ("gave Vector(4, 6)", "raised TypeError: ..."), so a message can quote
// exactly what the learner's Vector did.
//
// Foreign is a type Vector has never heard of that knows how to combine with
// a Vector from the right: its reflected methods record the call and return a
// marker string. It has no __add__/__mul__ of its own.
beforeEach(async () => {
  await py.exec(`
    import math
    V = ex.Vector

    def attempt(action):
        """('ok', value) or ('raised', exception): what action() did."""
        try:
            return ("ok", action())
        except Exception as exc:
            return ("raised", exc)

    def said(result):
        kind, what = result
        if kind == "ok":
            return f"gave {safe_repr(what)}"
        return f"raised {type(what).__name__}: {what}"

    def outcome(action):
        return said(attempt(action))

    def safe_repr(value):
        try:
            return repr(value)
        except Exception as exc:
            return f"<a {type(value).__name__} whose repr raised {type(exc).__name__}>"

    def same_vector(result, components):
        """True when result is ('ok', a Vector equal to Vector(*components), holding those components)."""
        kind, what = result
        return (kind == "ok" and isinstance(what, ex.Vector) and list(what) == list(components)
                and len(what) == len(components))

    def defines(name):
        """Whether Vector (or a base other than object) provides this special method."""
        return any(name in vars(klass) for klass in type.mro(ex.Vector)[:-1])

    class Foreign:
        def __init__(self):
            self.calls = []
        def __radd__(self, other):
            self.calls.append("__radd__")
            return "Foreign.__radd__"
        def __rsub__(self, other):
            self.calls.append("__rsub__")
            return "Foreign.__rsub__"
        def __rmul__(self, other):
            self.calls.append("__rmul__")
            return "Foreign.__rmul__"
        def __rmatmul__(self, other):
            self.calls.append("__rmatmul__")
            return "Foreign.__rmatmul__"
        def __eq__(self, other):
            self.calls.append("__eq__")
            return isinstance(other, ex.Vector)
        __hash__ = object.__hash__
        def __repr__(self):
            return "Foreign()"
  `);
});

// ---- the container side -----------------------------------------------------------

test('len and iteration see the components', async () => {
  for (const [expr, expected] of [
    ['list(V(1, 2, 3))', '[1, 2, 3]'],
    ['len(V(1, 2, 3))', '3'],
    ['len(V())', '0'],
    ['list(V())', '[]'],
    ['[x for x in V(0.5, -2)]', '[0.5, -2]'],
  ]) {
    const seen = await py.value<string>(`outcome(lambda: ${expr})`);
    expect(seen, `${expr} should be ${expected}, but it ${seen}. Look at __len__ and __iter__.`).toBe(`gave ${expected}`);
  }
  expect(
    await py.value('outcome(lambda: (lambda x, y: (x, y))(*V(3, 4)))'),
    'unpacking x, y = Vector(3, 4) should give 3 and 4 (unpacking iterates)',
  ).toBe('gave (3, 4)');
});

test("repr looks like the call that built it, so eval gives back an equal vector", async () => {
  expect(
    await py.value('outcome(lambda: repr(V(1, 2)).replace(" ", ""))'),
    `repr(Vector(1, 2)) should be 'Vector(1, 2)', but it ${await py.value<string>('outcome(lambda: repr(V(1, 2)))')}. ` +
      'Show the class name and each component\'s own repr(), separated by commas.',
  ).toBe("gave 'Vector(1,2)'");
  for (const args of ['1, 2', '0.5, -3.25', '7', '', '10**20, 1e-9']) {
    await py.exec(`
      original = V(${args})
      text = attempt(lambda: repr(original))
      back = attempt(lambda: eval(text[1], {"Vector": ex.Vector})) if text[0] == "ok" else text
      round_trip = back[0] == "ok" and isinstance(back[1], ex.Vector) and list(back[1]) == list(original)
    `);
    expect(
      await py.value('round_trip'),
      `eval(repr(Vector(${args}))) should build an equal vector, but repr gave ${await py.value<string>(
        'safe_repr(text[1])',
      )} and eval of it ${await py.value<string>('said(back)')}. The repr must read like the call: Vector(1, 2), ` +
        'not Vector([1, 2]) or <Vector 1, 2>.',
    ).toBe(true);
  }
});

test('bool is False for a zero vector and for an empty one, True otherwise', async () => {
  for (const [args, expected] of [
    ['0, 0', false],
    ['0, 0.0, 0', false],
    ['', false],
    ['0, 1', true],
    ['-1', true],
    ['0.0, -0.5', true],
  ] as const) {
    const seen = await py.value<string>(`outcome(lambda: bool(V(${args})))`);
    const fallback =
      expected === false && seen === 'gave True' && !(await py.value<boolean>('defines("__bool__")'))
        ? ' Vector has no __bool__, so bool() falls back to __len__, and any vector with components counts as true.'
        : '';
    expect(
      seen,
      `bool(Vector(${args})) should be ${expected ? 'True' : 'False'}, but it ${seen}.${fallback} ` +
        'A vector is false exactly when all its components are zero.',
    ).toBe(`gave ${expected ? 'True' : 'False'}`);
  }
});

test('abs is the Euclidean length', async () => {
  for (const [args, expected] of [
    ['3, 4', 5],
    ['-3, -4', 5],
    ['1, 2, 2', 3],
    ['', 0],
    ['0.5', 0.5],
  ] as const) {
    await py.exec(`got = attempt(lambda: abs(V(${args})))`);
    const ok = await py.value<boolean>(
      `got[0] == "ok" and isinstance(got[1], (int, float)) and math.isclose(got[1], ${expected})`,
    );
    const squared = await py.value<boolean>(
      `got[0] == "ok" and isinstance(got[1], (int, float)) and ${expected} > 1 and math.isclose(got[1], ${expected} ** 2)`,
    );
    expect(
      ok,
      `abs(Vector(${args})) should be ${expected}, but it ${await py.value<string>('said(got)')}.` +
        (squared ? ' That is the square of the length: take the square root (math.hypot does both steps).' : '') +
        ' Look at __abs__: the square root of the sum of the squared components.',
    ).toBe(true);
  }
});

// ---- equality and hashing ----------------------------------------------------------

test('== compares components, with 1 and 1.0 alike', async () => {
  for (const [expr, expected] of [
    ['V(1, 2) == V(1, 2)', true],
    ['V(1, 2) == V(1.0, 2.0)', true],
    ['V() == V()', true],
    ['V(1, 2) != V(1, 2)', false],
    ['V(1, 2) == V(2, 1)', false],
    ['V(1, 2) != V(2, 1)', true],
  ] as const) {
    const seen = await py.value<string>(`outcome(lambda: ${expr})`);
    expect(
      seen,
      `${expr} should be ${expected ? 'True' : 'False'}, but it ${seen}. Without __eq__, == compares identity ` +
        '(like === on JS objects); define __eq__ to compare components.',
    ).toBe(`gave ${expected ? 'True' : 'False'}`);
  }
});

test('vectors of different lengths are never equal', async () => {
  for (const expr of ['V(1, 2) == V(1, 2, 3)', 'V(1, 2, 3) == V(1, 2)', 'V() == V(0)', 'V(1, 2, 0) == V(1, 2)']) {
    const seen = await py.value<string>(`outcome(lambda: ${expr})`);
    expect(
      seen,
      `${expr} should be False (the lengths differ), but it ${seen}. ` +
        (seen === 'gave True'
          ? 'The comparison stopped at the shorter vector, as zip() does: compare the lengths too (comparing two tuples does).'
          : 'Comparing vectors of different lengths is not an error; they are simply unequal.'),
    ).toBe('gave False');
  }
});

test('a vector is never equal to a tuple, a list or a number', async () => {
  for (const expr of ['V(1, 2) == (1, 2)', '(1, 2) == V(1, 2)', 'V(1, 2) == [1, 2]', 'V(5) == 5', 'V() == ()']) {
    const seen = await py.value<string>(`outcome(lambda: ${expr})`);
    expect(
      seen,
      `${expr} should be False, but it ${seen}. In Python even (1, 2) == [1, 2] is False: equality does not look ` +
        'at structure alone. Return NotImplemented from __eq__ for anything that is not a Vector; Python then ' +
        'falls back to identity, which is False.',
    ).toBe('gave False');
  }
  expect(await py.value('outcome(lambda: V(1, 2) != (1, 2))'), 'V(1, 2) != (1, 2) should be True').toBe('gave True');
});

test('== returns NotImplemented for other types, so their own __eq__ gets a say', async () => {
  await py.exec('foreign = Foreign(); result = attempt(lambda: V(1, 2) == foreign)');
  const seen = await py.value<string>('said(result)');
  const calls = await py.value<string[]>('foreign.calls');
  expect(
    seen === 'gave True' && calls.includes('__eq__'),
    `Vector(1, 2) == Foreign() should let Foreign.__eq__ answer (it says True), but it ${seen}` +
      (calls.length === 0
        ? ", and Foreign.__eq__ was never called: your __eq__ answered for a type it doesn't know. Return NotImplemented instead."
        : `; Foreign saw the calls ${JSON.stringify(calls)}.`),
  ).toBe(true);
});

test('equal vectors have equal hashes, so they work in sets and as dict keys', async () => {
  if (await py.value<boolean>('ex.Vector.__hash__ is None')) {
    expect.fail(
      'hash(Vector(1, 2)) raises TypeError: unhashable type. Vector.__hash__ is None, which is what Python sets ' +
        'when a class defines __eq__ without __hash__ (equal objects must hash alike, and Python cannot guess how). ' +
        'Define __hash__ from the same components __eq__ compares.',
    );
  }
  const hashed = await py.value<string>('outcome(lambda: hash(V(1, 2)))');
  expect(
    hashed.startsWith('gave '),
    `hash(Vector(1, 2)) should give an int, but it ${hashed}. ` +
      (hashed.includes("unhashable type: 'list'")
        ? 'A list is unhashable: hash a tuple of the components.'
        : 'Look at __hash__.'),
  ).toBe(true);
  for (const [left, right] of [
    ['V(1, 2)', 'V(1.0, 2.0)'],
    ['V(3, 4)', 'V(3, 4)'],
    ['V()', 'V()'],
  ]) {
    expect(
      await py.value(`hash(${left}) == hash(${right})`),
      `${left} == ${right}, so their hashes must be equal too, but they are ${await py.value<string>(
        `f"{hash(${left})} and {hash(${right})}"`,
      )}. Hash the same components that __eq__ compares, not the object's identity.`,
    ).toBe(true);
  }
  // Whatever == decides, hash must follow it: equal vectors, equal hashes.
  await py.exec(`
    inconsistent = [
        f"{a!r} == {b!r} but their hashes are {hash(a)} and {hash(b)}"
        for a, b in [(V(0.1 + 0.2), V(0.3)), (V(1e-17), V(0)), (V(1, 2), V(1, 2.000000000000001)), (V(-0.0), V(0.0))]
        if a == b and hash(a) != hash(b)
    ]
  `);
  const inconsistent = await py.value<string[]>('inconsistent');
  expect(
    inconsistent,
    `equal vectors must have equal hashes, but ${inconsistent.join('; ')}. If == tolerates rounding ` +
      '(math.isclose), no hash can agree with it: compare components exactly, as numbers do.',
  ).toEqual([]);
  expect(
    await py.value('len({V(1, 2), V(1.0, 2.0), V(1, 2)})'),
    '{Vector(1, 2), Vector(1.0, 2.0), Vector(1, 2)} holds three equal vectors, so the set should have one member',
  ).toBe(1);
  expect(
    await py.value('outcome(lambda: {V(1, 2): "found"}[V(1, 2)])'),
    'a dict keyed by Vector(1, 2) should find its value under a new, equal Vector(1, 2)',
  ).toBe("gave 'found'");
});

// ---- arithmetic ----------------------------------------------------------------------

test('+ and - combine two vectors component by component into a new Vector', async () => {
  for (const [expr, components] of [
    ['V(1, 2) + V(3, 4)', '(4, 6)'],
    ['V(5, 5) - V(1, 2)', '(4, 3)'],
    ['V(0.5, 1) + V(0.25, -1)', '(0.75, 0)'],
    ['V() + V()', '()'],
  ]) {
    await py.exec(`got = attempt(lambda: ${expr})`);
    expect(
      await py.value(`same_vector(got, ${components})`),
      `${expr} should be Vector${components}, but it ${await py.value<string>('said(got)')}. ` +
        'Build and return a new Vector from the paired components.',
    ).toBe(true);
  }
  await py.exec('a = V(1, 2); b = V(3, 4); a + b; a - b; after = [list(a), list(b)]');
  expect(
    await py.value('after'),
    `a + b and a - b must leave a and b as they were (a new Vector is the result), but afterwards they hold ` +
      `${await py.value<string>('repr(after)')}`,
  ).toEqual([
    [1, 2],
    [3, 4],
  ]);
});

test('* scales by an int or a float on either side', async () => {
  for (const [expr, components] of [
    ['V(1, 2) * 3', '(3, 6)'],
    ['3 * V(1, 2)', '(3, 6)'],
    ['V(1, 2) * 0.5', '(0.5, 1.0)'],
    ['0.5 * V(2, 4)', '(1.0, 2.0)'],
    ['V(1, -2) * -1', '(-1, 2)'],
  ]) {
    await py.exec(`got = attempt(lambda: ${expr})`);
    const numberFirst = /^[\d.]+ \*/.test(expr);
    const noReflected = numberFirst && !(await py.value<boolean>('defines("__rmul__")'));
    expect(
      await py.value(`same_vector(got, ${components})`),
      `${expr} should be Vector${components}, but it ${await py.value<string>('said(got)')}.` +
        (noReflected
          ? ' Vector has no __rmul__: for number * vector Python asks the number first (int.__mul__ returns ' +
            'NotImplemented), then the vector\'s reflected method, __rmul__.'
          : ' Look at __mul__ and __rmul__.'),
    ).toBe(true);
  }
});

test('@ is the dot product, a number', async () => {
  for (const [expr, expected] of [
    ['V(1, 2) @ V(3, 4)', 11],
    ['V(1, 2, 3) @ V(4, 5, 6)', 32],
    ['V(0.5, 2) @ V(2, 0.25)', 1.5],
    ['V() @ V()', 0],
  ] as const) {
    await py.exec(`got = attempt(lambda: ${expr})`);
    expect(
      await py.value(`got[0] == "ok" and isinstance(got[1], (int, float)) and math.isclose(got[1], ${expected})`),
      `${expr} should be the number ${expected} (the sum of the products of paired components), but it ` +
        `${await py.value<string>('said(got)')}. Look at __matmul__.`,
    ).toBe(true);
  }
});

test('vectors of different lengths raise ValueError in +, - and @', async () => {
  for (const expr of ['V(1, 2) + V(1, 2, 3)', 'V(1, 2, 3) - V(1, 2)', 'V(1, 2) @ V(1, 2, 3)', 'V() + V(1)']) {
    const seen = await py.value<string>(`outcome(lambda: ${expr})`);
    expect(
      seen.startsWith('raised ValueError'),
      `${expr} should raise ValueError (the lengths differ), but it ${seen}.` +
        (seen.startsWith('gave')
          ? ' zip() stops silently at the shorter vector: check the lengths first (zip(..., strict=True) raises ValueError for you).'
          : ''),
    ).toBe(true);
  }
});

test('operands Vector does not support raise TypeError', async () => {
  const cases: [string, string][] = [
    ['V(1, 2) + 1', 'a vector plus a number'],
    ['V(1, 2) - 1', 'a vector minus a number'],
    ['V(1, 2) + (3, 4)', 'a vector plus a tuple'],
    ['V(1, 2) + [3, 4]', 'a vector plus a list'],
    ['V(1, 2) * V(3, 4)', '* between two vectors (the product of vectors is @)'],
    ['V(1, 2) * "x"', 'scaling by a string'],
    ['"x" * V(1, 2)', 'a string times a vector'],
    ['V(1, 2) * [2]', 'scaling by a list'],
    ['V(1, 2) @ 2', '@ with a number'],
  ];
  for (const [expr, what] of cases) {
    const seen = await py.value<string>(`outcome(lambda: ${expr})`);
    expect(
      seen.startsWith('raised TypeError'),
      `${expr} (${what}) should raise TypeError, but it ${seen}. Check the operand's type first and return ` +
        'NotImplemented when you do not support it; Python raises the TypeError once both sides have declined.',
    ).toBe(true);
  }
});

test("operators return NotImplemented, so the other operand's reflected method gets its chance", async () => {
  for (const [op, method] of [
    ['+', '__radd__'],
    ['-', '__rsub__'],
    ['*', '__rmul__'],
    ['@', '__rmatmul__'],
  ]) {
    await py.exec(`foreign = Foreign(); got = attempt(lambda: V(1, 2) ${op} foreign)`);
    const seen = await py.value<string>('said(got)');
    const calls = await py.value<string[]>('foreign.calls');
    const why =
      calls.length === 0 && seen.startsWith('raised')
        ? `, and Foreign.${method} never ran: the Vector side raised instead of returning NotImplemented, so ` +
          'Python never asked the other operand.'
        : calls.length === 0
          ? `, and Foreign.${method} never ran.`
          : `; Foreign saw the calls ${JSON.stringify(calls)}.`;
    expect(
      seen === `gave 'Foreign.${method}'` && calls.includes(method),
      `Vector(1, 2) ${op} Foreign() should end up in Foreign.${method} (a type Vector has never heard of, that ` +
        `knows how to combine with a vector from the right), but it ${seen}${why}`,
    ).toBe(true);
  }
});

test('a foreign operand on the left is not handed back to its own reflected method', async () => {
  await py.exec('foreign = Foreign(); got = attempt(lambda: foreign * V(1, 2))');
  const seen = await py.value<string>('said(got)');
  const calls = await py.value<string[]>('foreign.calls');
  expect(
    seen.startsWith('raised TypeError') && calls.length === 0,
    `Foreign() * Vector(1, 2) should raise TypeError: Foreign has no __mul__, and Vector.__rmul__ should decline a ` +
      `non-number. It ${seen}` +
      (calls.includes('__rmul__')
        ? ', and Foreign.__rmul__ was called, with the operands swapped: your __rmul__ started a fresh ' +
          '`self * other`, which asked Foreign again. Return what __mul__ returns (NotImplemented included) instead.'
        : `; Foreign saw the calls ${JSON.stringify(calls)}.`),
  ).toBe(true);
});

// ---- immutability -------------------------------------------------------------------------

test('setting an attribute on a vector raises AttributeError', async () => {
  await py.exec(`
    v = V(1, 2)
    def set_x():
        v.x = 5
    result = attempt(set_x)
    blocked = result[0] == "raised" and isinstance(result[1], AttributeError)
  `);
  const seen = await py.value<string>('said(result)');
  expect(
    await py.value('blocked'),
    `v.x = 5 should raise AttributeError (a frozen dataclass's FrozenInstanceError counts), but it ` +
      `${seen.startsWith('gave') ? 'worked: the instance has a __dict__ that takes any new attribute' : seen}. ` +
      'Give the class __slots__, or a __setattr__ that raises AttributeError.',
  ).toBe(true);
});

test('no public attribute of a vector can be reassigned or holds a mutable container', async () => {
  await py.exec(`
    v = V(1, 2)
    problems = []
    for name in dir(v):
        if name.startswith("_"):
            continue
        value = getattr(v, name)
        if callable(value):
            continue
        if isinstance(value, (list, dict, set, bytearray)):
            problems.append(f"v.{name} is a {type(value).__name__} ({value!r}): anyone can change it in place")
            continue
        try:
            setattr(v, name, value)
        except AttributeError:
            pass
        except Exception as exc:
            problems.append(f"v.{name} = ... raised {type(exc).__name__}, not AttributeError")
        else:
            problems.append(f"v.{name} = ... worked: a public attribute can be replaced")
  `);
  const problems = await py.value<string[]>('problems');
  expect(
    problems,
    `a Vector must not change after it is made, but ${problems.join('; ')}. Keep the components in a tuple, ` +
      'behind an underscore name, a read-only property or a frozen field.',
  ).toEqual([]);
});

test('+=, -= and *= make a new vector and leave other references alone', async () => {
  for (const [step, components] of [
    ['a += V(1, 1)', '(2, 3)'],
    ['a -= V(1, 1)', '(0, 1)'],
    ['a *= 2', '(2, 4)'],
  ]) {
    await py.exec(`
      a = V(1, 2)
      b = a
      ${step}
      state = [list(a), list(b), a is b]
    `);
    const state = await py.value<[number[], number[], boolean]>('state');
    expect(
      await py.value(`list(b) == [1, 2] and not state[2] and list(a) == list(${components})`),
      `after \`b = a; ${step}\`, a should be a new Vector${components} and b still Vector(1, 2), but a holds ` +
        `${JSON.stringify(state[0])}, b holds ${JSON.stringify(state[1])}, and a is b is ${state[2] ? 'True' : 'False'}. ` +
        'An immutable type defines no __iadd__/__isub__/__imul__ that change self: Python then uses + and * and rebinds a.',
    ).toBe(true);
  }
});
