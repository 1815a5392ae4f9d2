import { beforeEach, expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// The suite measures for itself, in the same run and on the same Python, and
// compares: byte counts differ between CPython versions and are about half as
// big on 32-bit WebAssembly, but the suite's figure and the learner's move
// together. `observe` runs the learner's bytes_per_instance and, when the figure
// is off, recognises the usual causes from the numbers themselves.
beforeEach(async () => {
  await py.exec(`
    import functools
    import struct
    import sys
    import tracemalloc

    POINTER = struct.calcsize("P")

    def reference_bytes(cls, n=10_000):
        """The suite's own figure: the holding list is allocated before the first reading."""
        started = not tracemalloc.is_tracing()
        if started:
            tracemalloc.start()
        keep = [None] * n
        before = tracemalloc.get_traced_memory()[0]
        for index in range(n):
            keep[index] = cls()
        after = tracemalloc.get_traced_memory()[0]
        if started:
            tracemalloc.stop()
        return (after - before) / n

    class Payload:
        """Each instance owns a fresh 4000-byte bytes object."""
        def __init__(self):
            self.data = bytes(4000)

    class Counted:
        made = 0
        def __init__(self):
            Counted.made += 1

    slot_point = functools.partial(ex.SlotPoint, 1.5, 2.5)
    dict_point = functools.partial(ex.DictPoint, 1.5, 2.5)

    def near(got, want, tolerance=0.10):
        return abs(got - want) <= tolerance * abs(want)

    def observe(cls, n=None):
        """Run the learner's measurement; return (figure or None, reference, what it looks like)."""
        if n is None:
            reference = reference_bytes(cls)
            got = ex.bytes_per_instance(cls)
            n = 10_000
        else:
            reference = reference_bytes(cls, n)
            got = ex.bytes_per_instance(cls, n=n)
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return None, reference, f"it returned {got!r}, not a number of bytes"
        said = f"it returned {got:.1f} bytes; the suite measured {reference:.1f} per instance in this run"
        if near(got, reference):
            return got, reference, said
        if n != 10_000 and near(got, reference * n / 10_000, 0.2):
            hint = f"about the total divided by 10_000, but n was {n}: divide by the n you were given"
        elif near(got, reference * n, 0.2):
            hint = "about the total for all n instances: divide the growth by n"
        elif abs(got) < POINTER / 2:
            hint = ("about nothing: the instances were gone before the second reading. Keep every one "
                    "alive (in a list) until after you read the traced memory again")
        elif 0.7 * POINTER <= got - reference <= 1.4 * POINTER + 1:
            hint = (f"about {POINTER} bytes too many per instance, which is what the list holding them costs "
                    "per entry: allocate the list before the first reading (e.g. [None] * n), or subtract it")
        elif cls is dict_point or got < reference:
            hint = ("too little: if this is sys.getsizeof, it counts only the object itself, not the dict "
                    "or the bytes it points to; tracemalloc counts every allocation")
        else:
            hint = "too much: check what else is allocated between your two readings"
        return got, reference, f"{said}. That is {hint}"
  `);
});

async function observe(factory: string, n?: number): Promise<{ got: number | null; reference: number; said: string }> {
  await py.exec(`got, reference, said = observe(${factory}${n === undefined ? '' : `, ${n}`})`);
  return {
    got: await py.value<number | null>('got'),
    reference: await py.value<number>('reference'),
    said: await py.value<string>('said'),
  };
}

/** Why instances of `cls` still have a __dict__, from what each class in its MRO declares. */
async function whyDict(cls: string): Promise<string> {
  await py.exec(`
    def why_dict(cls):
        for klass in cls.__mro__[:-1]:
            slots = klass.__dict__.get("__slots__")
            names = [slots] if isinstance(slots, str) else list(slots or ())
            if "__slots__" not in klass.__dict__:
                return (f"{klass.__name__} has no __slots__ of its own, and a class without one gives its "
                        "instances a __dict__ (every class in the chain must declare __slots__, listing only "
                        "its own new fields)")
            if "__dict__" in names:
                return (f"{klass.__name__} declares __slots__ = {slots!r}, and '__dict__' in it gives every "
                        "instance a dict back: leave it out")
        return f"its classes ({[c.__name__ for c in cls.__mro__]}) all declare __slots__, yet a dict appeared"
  `);
  return py.value<string>(`why_dict(${cls})`);
}

test('SlotPoint stores x and y and has no __dict__', async () => {
  await py.exec(`
    made = None
    try:
        point = ex.SlotPoint(1.5, 2.5)
        made = "ok"
    except AttributeError as error:
        made = f"SlotPoint(1.5, 2.5) raised AttributeError: {error}"
        slots = getattr(ex.SlotPoint, "__slots__", None)
        if isinstance(slots, str):
            made += (f". __slots__ is the string {slots!r}, which declares ONE slot named {slots!r}, "
                     "not one per letter: write a tuple of names, (\\"x\\", \\"y\\")")
  `);
  const made = await py.value<string>('made');
  if (made !== 'ok') expect.fail(made);
  expect(
    await py.value('[point.x, point.y]'),
    'SlotPoint(1.5, 2.5) should have x == 1.5 and y == 2.5',
  ).toEqual([1.5, 2.5]);
  if (await py.value('hasattr(point, "__dict__")')) {
    expect.fail(`SlotPoint(1.5, 2.5) has a __dict__ (${await py.value('repr(point.__dict__)')}). ${await whyDict('ex.SlotPoint')}.`);
  }
  await py.exec('point.x = 4.0');
  expect(await py.value('point.x'), 'the fields stay assignable: after p.x = 4.0, p.x should be 4.0').toBe(4.0);
});

test('assigning a misspelt attribute on a SlotPoint raises AttributeError', async () => {
  await py.exec(`
    point = ex.SlotPoint(1.5, 2.5)
    outcome = "nothing was raised"
    try:
        point.z = 3.0
    except AttributeError:
        outcome = "AttributeError"
    except Exception as error:
        outcome = f"{type(error).__name__}: {error}"
  `);
  const outcome = await py.value<string>('outcome');
  expect(
    outcome,
    `\`p.z = 3.0\` on a SlotPoint should raise AttributeError (there is no slot named z), but ${outcome}` +
      (outcome === 'nothing was raised' ? `. ${await whyDict('ex.SlotPoint')}.` : '.'),
  ).toBe('AttributeError');
});

test('DictPoint is the ordinary class: its fields live in a __dict__ that takes new keys', async () => {
  await py.exec(`
    point = ex.DictPoint(1.5, 2.5)
    point.label = "origin"
  `);
  expect(
    await py.value('vars(point)'),
    'DictPoint(1.5, 2.5) should keep x and y in its instance dict, and accept a new attribute: it is the ' +
      'class to compare against, so leave it without __slots__',
  ).toEqual({ x: 1.5, y: 2.5, label: 'origin' });
});

test('SlotPoint3D is a SlotPoint with x, y and z', async () => {
  await py.exec('point = ex.SlotPoint3D(1.5, 2.5, 3.5)');
  expect(await py.value('issubclass(ex.SlotPoint3D, ex.SlotPoint)'), 'SlotPoint3D should subclass SlotPoint').toBe(true);
  expect(
    await py.value('[point.x, point.y, point.z]'),
    'SlotPoint3D(1.5, 2.5, 3.5) should have x, y and z equal to 1.5, 2.5 and 3.5',
  ).toEqual([1.5, 2.5, 3.5]);
});

test('SlotPoint3D keeps the guarantee: no __dict__, and a misspelt attribute raises', async () => {
  await py.exec(`
    point = ex.SlotPoint3D(1.5, 2.5, 3.5)
    has_dict = hasattr(point, "__dict__")
    dict_repr = repr(getattr(point, "__dict__", None))
    typo = "nothing was raised"
    try:
        point.w = 4.0
    except AttributeError:
        typo = "AttributeError"
  `);
  if (await py.value('has_dict')) {
    expect.fail(
      `SlotPoint3D(1.5, 2.5, 3.5).__dict__ exists (${await py.value('dict_repr')}). ${await whyDict('ex.SlotPoint3D')}.`,
    );
  }
  expect(await py.value('typo'), '`p.w = 4.0` on a SlotPoint3D should raise AttributeError').toBe('AttributeError');
});

test('bytes_per_instance counts everything an instance owns (a 4000-byte payload shows up)', async () => {
  const { got, reference, said } = await observe('Payload', 500);
  expect(got, `bytes_per_instance(Payload, n=500) should return a number; ${said}`).not.toBeNull();
  expect(
    Math.abs((got ?? 0) - reference) <= 0.1 * reference,
    `each Payload instance holds a fresh 4000-byte bytes object, so the figure should be a little over 4000; ${said}.`,
  ).toBe(true);
});

test('bytes_per_instance(SlotPoint) matches a careful measurement, without the list', async () => {
  const { got, reference, said } = await observe('slot_point');
  expect(
    got !== null && Math.abs(got - reference) <= 0.1 * reference,
    `bytes_per_instance of SlotPoints (default n) should be within 10% of the suite's figure; ${said}.`,
  ).toBe(true);
});

test('a DictPoint measures clearly bigger than a SlotPoint (at least 1.4 times)', async () => {
  const slot = await observe('slot_point', 2000);
  const dict = await observe('dict_point', 2000);
  const ratio = (dict.got ?? 0) / (slot.got ?? 1);
  expect(
    ratio >= 1.4,
    `a DictPoint should cost clearly more than a SlotPoint (the suite measured ${(dict.reference / slot.reference).toFixed(2)} ` +
      `times as much), but your figures were ${String(dict.got)} and ${String(slot.got)} bytes, a ratio of ` +
      `${ratio.toFixed(2)}. For DictPoint, ${dict.said}.`,
  ).toBe(true);
});

test('the figure is per instance, whatever n is', async () => {
  const { got, reference, said } = await observe('slot_point', 1000);
  expect(
    got !== null && Math.abs(got - reference) <= 0.1 * reference,
    `bytes_per_instance(SlotPoint factory, n=1000) should give the per-instance figure again; ${said}.`,
  ).toBe(true);
});

test('bytes_per_instance makes n instances by calling cls() (10_000 by default)', async () => {
  await py.exec(`
    Counted.made = 0
    ex.bytes_per_instance(Counted, n=300)
    made_300 = Counted.made
    Counted.made = 0
    ex.bytes_per_instance(Counted)
    made_default = Counted.made
  `);
  const made300 = await py.value<number>('made_300');
  const madeDefault = await py.value<number>('made_default');
  expect(
    made300 >= 300 && made300 <= 302,
    `with n=300, cls() should be called 300 times (a warm-up call or two is fine), but it was called ${made300} times`,
  ).toBe(true);
  expect(
    madeDefault >= 10_000 && madeDefault <= 10_002,
    `without n, cls() should be called 10_000 times (the default n), but it was called ${madeDefault} times`,
  ).toBe(true);
});

test('when tracing was off, bytes_per_instance turns it on to measure and off again', async () => {
  await py.exec(`
    tracemalloc.stop()
    ex.bytes_per_instance(slot_point, n=200)
    still_tracing = tracemalloc.is_tracing()
    tracemalloc.stop()
  `);
  expect(
    await py.value('still_tracing'),
    'tracing was off before the call and was still on after it: stop tracemalloc when you started it ' +
      '(in a finally, so an error cannot leave it running and slowing every allocation)',
  ).toBe(false);
});

test('when tracing was already on, it stays on, and the figure is still right', async () => {
  await py.exec(`
    tracing_off_figure = ex.bytes_per_instance(slot_point, n=2000)
    tracemalloc.start()
    try:
        # Someone else's session, with a high peak from earlier work.
        big = bytes(4_000_000)
        del big
        got, reference, said = observe(slot_point, 2000)
        still_tracing = tracemalloc.is_tracing()
    finally:
        tracemalloc.stop()
  `);
  expect(
    await py.value('still_tracing'),
    'tracing was already on before the call (someone else is measuring) and bytes_per_instance turned it off: ' +
      'stop tracemalloc only if your call started it',
  ).toBe(true);
  const got = await py.value<number | null>('got');
  const reference = await py.value<number>('reference');
  const offFigure = await py.value<number>('tracing_off_figure');
  const peakHint =
    got !== null && Math.abs(got) < 0.5 * reference && Math.abs(offFigure - reference) <= 0.1 * reference
      ? ` With tracing off, your figure was ${offFigure.toFixed(1)}, so the difference is the session that was ` +
        'already running: an earlier 4 MB allocation left its peak high. Read the current traced memory, not ' +
        'the peak (or reset the peak first).'
      : '';
  const said = await py.value<string>('said');
  expect(
    got !== null && Math.abs(got - reference) <= 0.1 * reference,
    `with tracing already on (and an earlier peak of 4 MB), the figure should still be within 10% of the ` +
      `suite's; ${peakHint ? said.split('. That is')[0] + '.' + peakHint : said + '.'}`,
  ).toBe(true);
});
