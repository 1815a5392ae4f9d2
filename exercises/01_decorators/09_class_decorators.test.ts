import { expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

const DATACLASS_HINT = 'Put @dataclass(frozen=True, slots=True) on class Point.';

test('Point(x, y) builds a point, from positions or keywords', async () => {
  expect(
    await py.value('[ex.Point(1.5, -2.0).x, ex.Point(1.5, -2.0).y]'),
    `Point(1.5, -2.0) has x 1.5 and y -2.0. ${DATACLASS_HINT}`,
  ).toEqual([1.5, -2]);
  expect(
    await py.value('ex.Point(y=4.0, x=3.0) == ex.Point(3.0, 4.0)'),
    'Point(y=4.0, x=3.0) should equal Point(3.0, 4.0)',
  ).toBe(true);
});

test('points with the same coordinates are equal and hash alike; others are not', async () => {
  expect(
    await py.value('ex.Point(1.0, 2.0) == ex.Point(1.0, 2.0)'),
    `two separate Point(1.0, 2.0) objects should be equal (compare by value, not identity). ${DATACLASS_HINT}`,
  ).toBe(true);
  expect(await py.value('ex.Point(1.0, 2.0) != ex.Point(2.0, 1.0)'), 'Point(1.0, 2.0) and Point(2.0, 1.0) differ').toBe(
    true,
  );
  expect(
    await py.value('len({ex.Point(1.0, 2.0), ex.Point(1.0, 2.0), ex.Point(2.0, 1.0)})'),
    'a Point should be hashable, and equal points should hash alike, so a set keeps 2 of these 3. ' +
      'A dataclass is only hashable when it is frozen.',
  ).toBe(2);
});

test('a Point never equals a plain tuple', async () => {
  expect(
    await py.value('ex.Point(1.0, 2.0) == (1.0, 2.0)'),
    'Point(1.0, 2.0) == (1.0, 2.0) should be False: a NamedTuple *is* a tuple and compares equal to one; a dataclass does not',
  ).toBe(false);
});

test('repr shows the class and its fields', async () => {
  expect(
    await py.value('repr(ex.Point(1.0, 2.5))'),
    `the generated __repr__ names every field. ${DATACLASS_HINT}`,
  ).toBe('Point(x=1.0, y=2.5)');
});

test('a Point is immutable: assigning or deleting a coordinate raises FrozenInstanceError', async () => {
  await py.exec('p = ex.Point(1.0, 2.0)');
  await expectRaises(
    py.exec('p.x = 5.0'),
    'FrozenInstanceError',
    'a frozen dataclass refuses assignment (frozen=True)',
    ['AttributeError'],
  );
  await expectRaises(py.exec('del p.y'), 'FrozenInstanceError', 'a frozen dataclass refuses deletion too', [
    'AttributeError',
  ]);
  expect(await py.value('[p.x, p.y]'), 'the point must be unchanged').toEqual([1, 2]);
});

test('a Point has no per-instance __dict__ (it uses slots)', async () => {
  expect(
    await py.value('hasattr(ex.Point(1.0, 2.0), "__dict__")'),
    'with slots=True each Point stores x and y in fixed slots and has no __dict__',
  ).toBe(false);
});

test('dataclasses.replace makes a changed copy and leaves the original alone', async () => {
  await py.exec(`
    import dataclasses
    origin = ex.Point(0.0, 0.0)
    moved = dataclasses.replace(origin, x=3.0)
  `);
  expect(
    await py.value('[moved.x, moved.y, origin.x]'),
    `replace(origin, x=3.0) is a new Point(3.0, 0.0). ${DATACLASS_HINT}`,
  ).toEqual([3, 0, 0]);
});

test("a singleton class builds its instance on the first call, from that call's arguments", async () => {
  const { stdout } = await py.exec(`
    built = []

    @ex.singleton
    class Pool:
        def __init__(self, size, *, name="main"):
            built.append((size, name))
            self.size = size
            self.name = name
  `);
  expect(stdout, 'decorating should print nothing').toBe('');
  expect(
    await py.value('built'),
    'nothing should be built when the class is decorated, only on the first call',
  ).toEqual([]);
  expect(
    await py.value('[Pool(4, name="db").size, Pool(4, name="db").name]'),
    'Pool(4, name="db") builds a pool of size 4 named "db"',
  ).toEqual([4, 'db']);
  expect(await py.value('built'), '__init__ should run once, for the first call').toEqual([[4, 'db']]);
});

test('later calls return that same object, whatever their arguments, without running __init__ again', async () => {
  await py.exec(`
    built = []

    @ex.singleton
    class Registry:
        def __init__(self, owner="nobody"):
            built.append(owner)
            self.owner = owner
            self.entries = []

    first = Registry("alice")
    first.entries.append("x")
    second = Registry("bob")
    third = Registry()
  `);
  expect(await py.value('second is first and third is first'), 'every call should return the very first instance').toBe(
    true,
  );
  expect(
    await py.value('built'),
    "__init__ should run exactly once, with the first call's arguments. (Overriding __new__ alone is not enough: " +
      'Python calls __init__ again on whatever __new__ returns.)',
  ).toEqual(['alice']);
  expect(
    await py.value('[third.owner, third.entries]'),
    'the first instance keeps its own state, untouched by later calls',
  ).toEqual(['alice', ['x']]);
});

test('an instance that is falsy (its __len__ is 0) is still built only once', async () => {
  await py.exec(`
    falsy_builds = []
    truthy_builds = []

    @ex.singleton
    class EmptyQueue:
        """A queue that starts empty, so bool(instance) is False."""
        def __init__(self):
            falsy_builds.append(1)
            self.items = []
        def __len__(self):
            return len(self.items)

    @ex.singleton
    class Config:
        def __init__(self):
            truthy_builds.append(1)

    queue_a = EmptyQueue()
    queue_b = EmptyQueue()
    Config(); Config()
  `);
  const falsyBuilds = await py.value<number>('len(falsy_builds)');
  const truthyBuilds = await py.value<number>('len(truthy_builds)');
  const why =
    falsyBuilds > 1 && truthyBuilds === 1
      ? 'A class whose instances are truthy was built once, so the difference is the truth value: the check that decides ' +
        '"nothing built yet" tests the instance itself (`if not instance`, `instance or ...`), and an empty queue is falsy. ' +
        'Test `is None` (or a flag, or dict membership) instead: unlike JS, Python objects can be falsy.'
      : 'Look at how the singleton decides whether it has built the instance yet.';
  expect(
    falsyBuilds,
    `EmptyQueue() twice should build one queue, but __init__ ran ${falsyBuilds} time(s). ${falsyBuilds === 1 ? '' : why}`,
  ).toBe(1);
  expect(await py.value('queue_a is queue_b'), 'both EmptyQueue() calls should return the very same object').toBe(true);
});

test('each decorated class has its own single instance', async () => {
  await py.exec(`
    @ex.singleton
    class Cache:
        pass

    @ex.singleton
    class Queue:
        pass
  `);
  expect(
    await py.value('Cache() is Cache() and Queue() is Queue()'),
    'each class should keep returning its own instance',
  ).toBe(true);
  expect(
    await py.value('[type(Cache()).__name__, type(Queue()).__name__]'),
    'Queue() must not return the Cache instance: keep one instance per decorated class (e.g. in a closure), not one shared by all',
  ).toEqual(['Cache', 'Queue']);
});

test('the decorated class keeps its name and docstring', async () => {
  await py.exec(`
    @ex.singleton
    class Clock:
        """The one wall clock."""
  `);
  expect(
    await py.value('[Clock.__name__, Clock.__doc__]'),
    'copy the name and docstring over, e.g. with functools.wraps(cls, updated=()) on the function you return',
  ).toEqual(['Clock', 'The one wall clock.']);
  expect(
    await py.value('[ex.Settings.__name__, ex.Settings.__doc__]'),
    'Settings keeps its name and docstring too',
  ).toEqual(['Settings', 'Process-wide settings, built once from the environment name.']);
});

test('Settings is a singleton: every Settings() is the same object', async () => {
  await py.exec(`
    a = ex.Settings()
    b = ex.Settings(env="prod")
    a.feature_flags.add("dark-mode")
  `);
  expect(await py.value('a is b'), 'Settings should carry @singleton').toBe(true);
  expect(
    await py.value('"dark-mode" in ex.Settings().feature_flags'),
    'a flag set through one Settings() should be visible through any other',
  ).toBe(true);
});
