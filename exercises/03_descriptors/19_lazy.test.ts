import { beforeEach, expect, test } from 'vitest';
import { expectRaises, PythonError, useExercise } from 'advpy-kata/testing';

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

function outcome(error: PythonError | undefined): string {
  return error === undefined ? 'it finished without an error' : `it raised ${error.pyType}: ${error.pyMessage}`;
}

// ---- part 1: lazy ------------------------------------------------------------------

// A fresh Circle class per test. `circle_runs` counts how often `area` was
// computed; `summary` is assigned a function with another name on purpose.
beforeEach(async () => {
  await py.exec(`
    circle_runs = []

    def build_summary(self):
        return f"circle of radius {self.radius}"

    class Circle:
        def __init__(self, radius):
            self.radius = radius

        @ex.lazy
        def area(self):
            circle_runs.append(self.radius)
            return 3 * self.radius ** 2

        summary = ex.lazy(build_summary)

    def descriptor_holds(value):
        """True when the lazy object itself keeps value in one of its attributes."""
        state = vars(Circle.__dict__["area"])
        return any(type(v) is type(value) and v == value for v in state.values())
  `);
});

test('the first read computes the value and returns it', async () => {
  const error = await attempt('c = Circle(2)\nfirst = c.area');
  expect(error === undefined, `reading Circle(2).area should work, but ${outcome(error)}`).toBe(true);
  expect(await py.value('first'), 'Circle(2).area should be what the method returned: 3 * 2**2 = 12').toBe(12);
});

test('later reads return the cached value without computing again', async () => {
  await py.exec('c = Circle(2)\nreads = [c.area, c.area, c.area]');
  expect(await py.value('reads'), 'every read should give 12').toEqual([12, 12, 12]);
  const runs = await py.value<number[]>('circle_runs');
  expect(
    runs.length,
    `three reads of c.area ran the computation ${runs.length} times; it should run once per instance. ` +
      `After the first read vars(c) is ${await py.value('repr(vars(c))')}.`,
  ).toBe(1);
});

test("the value is cached in the instance __dict__ under the attribute's own name", async () => {
  await py.exec('c = Circle(2)\nc.area\nc.summary');
  const layout = String(await py.value('repr(vars(c))'));
  expect(
    await py.value('vars(c).get("area")'),
    `after reading c.area, vars(c) should hold "area": 12, but it is ${layout}. Store the result in ` +
      'instance.__dict__ under the name __set_name__ gave you.',
  ).toBe(12);
  expect(
    await py.value('vars(c).get("summary")'),
    `summary = lazy(build_summary) should be cached under "summary" (the attribute's name, not the ` +
      `function's), but vars(c) is ${layout}. Use the name __set_name__ receives.`,
  ).toBe('circle of radius 2');
});

test('once cached, a read never reaches the descriptor', async () => {
  const kind = await py.value<string[]>(
    '[m for m in ("__set__", "__delete__") if any(m in vars(k) for k in type(Circle.__dict__["area"]).__mro__)]',
  );
  expect(
    kind,
    `lazy defines ${kind.join(' and ')}, which makes it a data descriptor: Python then calls its __get__ on every ` +
      'read, before it looks at the instance __dict__, so the cached value can never answer on its own. Remove it.',
  ).toEqual([]);
  const error = await attempt(`
    c = Circle(2)
    c.area
    del Circle.area  # the descriptor is gone; only what was cached remains
    second = c.area
  `);
  expect(
    error === undefined,
    `after the first read the lazy object was removed from Circle, and reading c.area again failed (${outcome(error)}). ` +
      `The value should live in the instance: vars(c) is ${await py.value('repr(vars(c))')}.`,
  ).toBe(true);
  expect(await py.value('second'), 'the cached value should still read 12').toBe(12);
});

test('each instance computes and caches its own value', async () => {
  await py.exec('small, big = Circle(1), Circle(10)\nreads = [small.area, big.area]');
  const reads = await py.value<number[]>('reads');
  const onDescriptor = await py.value<boolean>('descriptor_holds(3)');
  expect(
    reads,
    `Circle(1).area should be 3 and Circle(10).area 300, but they read ${JSON.stringify(reads)}.` +
      (reads[0] === reads[1]
        ? onDescriptor
          ? ` Both instances got the same value because the lazy object itself keeps it ` +
            `(${await py.value('repr(vars(Circle.__dict__["area"]))')}): one descriptor serves every Circle.`
          : ' Both instances got the same value: the cache is shared by every Circle.'
        : ''),
  ).toEqual([3, 300]);
  expect(await py.value('sorted(circle_runs)'), 'the computation should run once for each circle').toEqual([1, 10]);
});

test('del obj.attr forgets the cached value, and the next read computes again', async () => {
  await py.exec('c = Circle(2)\nc.area');
  const error = await attempt('del c.area');
  expect(
    error === undefined,
    `del c.area should remove the cached entry from vars(c), but ${outcome(error)}. ` +
      `vars(c) was ${await py.value('repr(vars(c))')}.`,
  ).toBe(true);
  await py.exec('c.radius = 3\nagain = c.area');
  expect(await py.value('again'), 'after del c.area and c.radius = 3, c.area should be recomputed: 27').toBe(27);
  expect(await py.value('len(circle_runs)'), 'two computations: the first read and the one after del').toBe(2);
});

test('assigning to the attribute replaces the value, without computing', async () => {
  const error = await attempt('c = Circle(2)\nc.area = 100\nread = c.area');
  expect(error === undefined, `c.area = 100 then c.area should work, but ${outcome(error)}`).toBe(true);
  expect(await py.value('read'), 'after c.area = 100, c.area should read 100').toBe(100);
  expect(
    await py.value('circle_runs'),
    'assigning must not run the computation, and neither may reading the assigned value',
  ).toEqual([]);
});

test('on the class, the attribute is the lazy object itself', async () => {
  const error = await attempt('on_class = Circle.area');
  expect(
    error === undefined,
    `Circle.area should return the lazy object, but ${outcome(error)}. For class access Python calls ` +
      '__get__(None, Circle): return self when instance is None.',
  ).toBe(true);
  expect(
    await py.value('on_class is Circle.__dict__["area"]'),
    `Circle.area should be the lazy object stored in the class, but it is ${await py.value('repr(on_class)')}`,
  ).toBe(true);
  expect(await py.value('circle_runs'), 'class access must not run the computation').toEqual([]);
});

test('an error in the computation propagates and nothing is cached', async () => {
  await py.exec(`
    attempts = []
    class Flaky:
        @ex.lazy
        def token(self):
            attempts.append(1)
            if len(attempts) == 1:
                raise ConnectionError("first try fails")
            return "tok"
    f = Flaky()
  `);
  await expectRaises(py.exec('f.token'), 'ConnectionError', 'the computation raised, and lazy must not hide it');
  const error = await attempt('second = f.token');
  expect(
    error === undefined,
    `after a failed first computation, the next read should try again, but ${outcome(error)}`,
  ).toBe(true);
  expect(await py.value('second'), 'the second read should compute again and return "tok"').toBe('tok');
});

test('works on a frozen dataclass, whose __setattr__ refuses every assignment', async () => {
  // dataclass needs its class to live in an importable module, so it gets one.
  const error = await attempt(`
    import sys, types

    models = sys.modules["lazy_models"] = types.ModuleType("lazy_models")
    models.ex = ex
    exec(
        "import dataclasses\\n"
        "@dataclasses.dataclass(frozen=True)\\n"
        "class Money:\\n"
        "    cents: int\\n"
        "    @ex.lazy\\n"
        "    def text(self):\\n"
        "        return f'{self.cents / 100:.2f}'\\n",
        models.__dict__,
    )
    m = models.Money(1999)
    read = [m.text, m.text]
  `);
  expect(
    error === undefined,
    `reading a lazy attribute on a frozen dataclass should work, but ${outcome(error)}. ` +
      (error?.pyType === 'FrozenInstanceError'
        ? 'The cache was written with setattr (or self.x = ...), which a frozen dataclass refuses: write to ' +
          "the instance's __dict__ directly."
        : ''),
  ).toBe(true);
  expect(await py.value('read'), 'Money(1999).text should be "19.99"').toEqual(['19.99', '19.99']);
});

test('a class without __dict__ (__slots__) gets a TypeError naming the class and the attribute', async () => {
  await py.exec(`
    class Pixel:
        __slots__ = ("x", "y")
        def __init__(self, x, y):
            self.x, self.y = x, y

        @ex.lazy
        def brightness(self):
            return self.x + self.y
  `);
  const error = await expectRaises(
    py.exec('Pixel(1, 2).brightness'),
    'TypeError',
    'Pixel instances have no __dict__ to cache in, and that is a mistake in how the class uses lazy',
  );
  const missing = ['Pixel', 'brightness'].filter((part) => !error.pyMessage.includes(part));
  expect(
    missing,
    `the TypeError said ${JSON.stringify(error.pyMessage)}, which does not name ${missing.join(' or ')}. ` +
      'Say which class (type(instance).__name__) and which attribute could not be cached.',
  ).toEqual([]);
});

// ---- part 2: lookup ---------------------------------------------------------------

// compare(label, obj, name): None when ex.lookup(obj, name) agrees with
// getattr(obj, name) (same value and type, or the same exception type);
// otherwise a sentence that says both results and, when it can tell, where
// lookup's answer came from. lookup runs first, so getattr cannot prime a cache.
const HARNESS = `
  def run(thunk):
      try:
          return ("value", thunk())
      except Exception as exc:
          return ("raises", exc)

  def show(result):
      kind, value = result
      if kind == "raises":
          return f"raises {type(value).__name__}: {value}"
      text = repr(value)
      return text if len(text) < 120 else text[:117] + "..."

  def origin(obj, name, value):
      """Where a wrong answer visibly came from, or ''."""
      own = getattr(obj, "__dict__", {})
      if name in own and own[name] is value:
          return " (that is the value in the instance __dict__)"
      if name in own and getattr(value, "__func__", None) is own[name]:
          return " (that is the instance __dict__ entry turned into a bound method: instance values are returned as stored)"
      for klass in type(obj).__mro__:
          if name in vars(klass) and vars(klass)[name] is value:
              raw = value
              binds = any("__get__" in vars(k) for k in type(raw).__mro__)
              return (f" (that is {klass.__name__}.__dict__[{name!r}] itself"
                      + (": its type's __get__ was never called)" if binds else ")"))
      return ""

  def compare(label, obj, name):
      got = run(lambda: ex.lookup(obj, name))
      want = run(lambda: getattr(obj, name))
      if want[0] == "raises":
          same = got[0] == "raises" and type(got[1]) is type(want[1])
      else:
          same = got[0] == "value" and type(got[1]) is type(want[1]) and got[1] == want[1]
      if same:
          return None
      where = origin(obj, name, got[1]) if got[0] == "value" else ""
      return f"{label}: getattr(obj, {name!r}) {show(want)}, but lookup {show(got)}{where}"

  def mismatches(cases):
      return [m for m in (compare(*case) for case in cases) if m is not None]
`;

async function expectAgreement(cases: string, where: string): Promise<void> {
  await py.exec(HARNESS);
  await py.exec(cases);
  const found = await py.value<string[]>('mismatches(cases)');
  expect(found, `lookup should agree with getattr, but:\n  ${found.join('\n  ')}\n${where}`).toEqual([]);
}

test('lookup finds instance values, class values, and inherited ones in MRO order', async () => {
  await expectAgreement(
    `
    class Base:
        kind = "base"
        shared = "from Base"

    class Left(Base):
        pass

    class Right(Base):
        shared = "from Right"

    class Diamond(Left, Right):
        kind = "diamond"

    d = Diamond()
    d.colour = "red"
    cases = [
        ("an instance attribute", d, "colour"),
        ("a class attribute on the object's own class", d, "kind"),
        ("a class attribute inherited from a base", Left(), "kind"),
        ("a diamond: Diamond.__mro__ is Diamond, Left, Right, Base, so Right's value comes before Base's", d, "shared"),
    ]
    `,
    'Walk type(obj).__mro__ in order and stop at the first class whose own __dict__ has the name ' +
      '(not type(obj).__dict__ alone, and not a depth-first walk of __bases__).',
  );
});

test('a data descriptor on the type beats the instance __dict__', async () => {
  await expectAgreement(
    `
    class Checked:
        def __get__(self, obj, owner=None):
            return "from Checked.__get__" if obj is not None else self
        def __set__(self, obj, value):
            raise AttributeError("read-only")

    class Account:
        __slots__ = ("__dict__", "owner")
        balance = Checked()

        @property
        def status(self):
            return "from the status property"

    a = Account()
    a.owner = "ada"
    vars(a)["status"] = "from the instance __dict__"
    vars(a)["balance"] = "from the instance __dict__"
    cases = [
        ("a property, with an instance __dict__ entry of the same name", a, "status"),
        ("a hand-written descriptor with __set__, with an instance __dict__ entry of the same name", a, "balance"),
        ("a __slots__ member (a data descriptor the class creates for each slot)", a, "owner"),
    ]
    `,
    'First look for the name on the type; if the entry found there is a data descriptor (its type has __set__ ' +
      'or __delete__), call its __get__ before even looking at the instance __dict__.',
  );
});

test('the instance __dict__ beats methods and plain class attributes, and its values are never bound', async () => {
  await expectAgreement(
    `
    class Base:
        @property
        def mode(self):
            return "from Base's property"

    class Widget(Base):
        label = "class label"
        mode = "plain value in Widget, which hides Base's property"

        def render(self):
            return "method"

    def callback():
        return "called"

    w = Widget()
    w.label = "instance label"
    w.render = "instance value hiding the method"
    w.on_click = callback
    plain = Widget()
    cases = [
        ("a plain class attribute hidden by an instance value", w, "label"),
        ("a method hidden by an instance value", w, "render"),
        ("a function stored in the instance __dict__ (returned as it is, not bound)", w, "on_click"),
        ("the first class in the MRO decides: Widget's plain value hides Base's property", plain, "mode"),
    ]
    vars(w)["mode"] = "instance mode"
    cases.append(("... and then an instance value of that name wins over Widget's plain value", w, "mode"))
    `,
    'The kind of the *first* entry found on the type decides: only a data descriptor goes before the instance ' +
      "__dict__. Values from the instance __dict__ are returned as they are; only class entries pass through __get__.",
  );
});

test('functions on the class become bound methods; staticmethod, classmethod and classes work too', async () => {
  await expectAgreement(
    `
    class FieldType:
        """A descriptor class. Stored on another class, the class itself is a plain value."""
        def __get__(self, obj, owner=None):
            return "never"
        def __set__(self, obj, value):
            pass

    class Greeter:
        Field = FieldType

        def __init__(self, name):
            self.name = name

        def greet(self):
            return f"hello {self.name}"

        @staticmethod
        def version():
            return 2

        @classmethod
        def make(cls):
            return cls("new")

    g = Greeter("ada")
    cases = [
        ("a function on the class (a non-data descriptor: its __get__ makes the bound method)", g, "greet"),
        ("a staticmethod", g, "version"),
        ("a classmethod", g, "make"),
        ("a class stored as a class attribute (its *type* is type, which has no __get__)", g, "Field"),
    ]
    `,
    "A class entry goes through __get__ when *its type* has one: type(attr).__get__(attr, obj, type(obj)). Look " +
      'special methods up on the type, never on the value itself.',
  );
  await py.exec('g = Greeter("ada")');
  const error = await attempt('called = ex.lookup(g, "greet")()');
  expect(
    error === undefined,
    `lookup(g, "greet")() should call the method with g as self, but ${outcome(error)}`,
  ).toBe(true);
  expect(await py.value('called'), 'lookup(g, "greet")() should return "hello ada"').toBe('hello ada');
});

test('__getattr__ runs only when everything else raised AttributeError', async () => {
  await expectAgreement(
    `
    class Proxy:
        kind = "class value"

        def __init__(self):
            self.local = "instance value"

        def method(self):
            return "method"

        @property
        def fragile(self):
            raise AttributeError("fragile's getter failed")

        @property
        def broken(self):
            raise ValueError("broken's getter failed")

        def __getattr__(self, name):
            if name.startswith("x_"):
                raise AttributeError(name)
            return f"__getattr__({name!r})"

    class Sub(Proxy):
        pass

    p = Proxy()
    cases = [
        ("an instance value, with __getattr__ defined", p, "local"),
        ("a class value, with __getattr__ defined", p, "kind"),
        ("a method, with __getattr__ defined", p, "method"),
        ("a missing name: __getattr__ answers", p, "anything"),
        ("a missing name on a subclass: __getattr__ is found along the MRO too", Sub(), "inherited"),
        ("a missing name that __getattr__ refuses with AttributeError", p, "x_secret"),
        ("a property whose getter raises AttributeError: Python then calls __getattr__", p, "fragile"),
        ("a property whose getter raises ValueError: that error propagates, __getattr__ is not called", p, "broken"),
    ]
    `,
    'Call the class\'s __getattr__(obj, name) only after the three steps above raised AttributeError (whatever ' +
      'raised it), and let every other exception through.',
  );
});

test('a missing attribute raises AttributeError naming it, with or without an instance __dict__', async () => {
  await expectAgreement(
    `
    class Plain:
        pass

    class Point:
        __slots__ = ("x", "y")

    pt = Point()
    pt.x = 1
    cases = [
        ("a name found nowhere", Plain(), "missing"),
        ("a set __slots__ member", pt, "x"),
        ("an unset __slots__ member (its descriptor raises AttributeError)", pt, "y"),
        ("a name found nowhere on a __slots__ instance, which has no __dict__ at all", pt, "z"),
    ]
    `,
    'An instance with __slots__ has no __dict__: treat that as an empty one rather than failing. ' +
      'With no __getattr__ to ask, raise AttributeError.',
  );
  await py.exec('class Empty:\n    pass');
  const error = await expectRaises(
    py.exec('ex.lookup(Empty(), "colour")'),
    'AttributeError',
    'Empty has no attribute colour anywhere',
  );
  expect(error.pyMessage, `the AttributeError should name "colour", but said ${JSON.stringify(error.pyMessage)}`).toContain(
    'colour',
  );
});

test('lookup reads the MRO and the instance __dict__ itself, never asking Python for the attribute', async () => {
  await py.exec(`
    asked = []    # names requested from the object itself
    touched = []  # keys read from its instance __dict__

    class RecordingDict(dict):
        def __getitem__(self, key):
            touched.append(key)
            return super().__getitem__(key)
        def __contains__(self, key):
            touched.append(key)
            return super().__contains__(key)
        def get(self, key, default=None):
            touched.append(key)
            return super().get(key, default)
        def keys(self):
            touched.append("<keys>")
            return super().keys()
        def items(self):
            touched.append("<items>")
            return super().items()
        def __iter__(self):
            touched.append("<iter>")
            return super().__iter__()

    class Watched:
        def __getattribute__(self, name):
            if name not in ("__dict__", "__class__"):
                asked.append(name)
            return object.__getattribute__(self, name)

        def greet(self):
            return "hi"

    w = Watched()
    w.__dict__ = RecordingDict(secret=42)
  `);
  const error = await attempt('found = [ex.lookup(w, "secret"), ex.lookup(w, "greet")()]');
  expect(error === undefined, `lookup(w, "secret") and lookup(w, "greet")() should work, but ${outcome(error)}`).toBe(true);
  expect(await py.value('found'), 'lookup(w, "secret") should be 42 and lookup(w, "greet")() "hi"').toEqual([42, 'hi']);
  const asked = await py.value<string[]>('asked');
  expect(
    asked,
    `lookup asked the object itself for ${asked.map((n) => JSON.stringify(n)).join(', ')} (its __getattribute__ saw ` +
      'the request): that is what getattr, hasattr and obj.<name> do. Find the attribute yourself, in the class ' +
      'dicts along type(obj).__mro__ and in the instance __dict__.',
  ).toEqual([]);
  const touched = await py.value<string[]>('touched');
  expect(
    touched.length,
    'lookup(w, "secret") returned the value stored in the instance __dict__ without reading that dict (a dict that ' +
      "records every read saw nothing), so Python's own lookup must have found it, e.g. object.__getattribute__. " +
      'Read obj.__dict__ (or vars(obj)) and look the name up in it.',
  ).toBeGreaterThan(0);
});
