import { beforeEach, expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// Both registries live for the whole run, so every test declares classes with
// names of its own. `explain(cls, owner)` says, from what it can see, why `cls`
// is missing from `owner.registry`.
beforeEach(async () => {
  await py.exec(`
    def explain(cls, owner):
        if cls is None:
            return ("the class statement bound None: the metaclass's __new__ must return the class "
                    "it created")
        registry = getattr(owner, "registry", None)
        if not isinstance(registry, dict):
            return f"{owner.__name__}.registry is {registry!r}, not a dict"
        if cls.__qualname__ in registry and cls.__name__ not in registry:
            return (f"it is there under {cls.__qualname__!r}: key the registry by __name__, "
                    "not __qualname__")
        own = [k.__name__ for k in cls.__mro__ if "registry" in k.__dict__ and k is not owner]
        if own:
            return (f"{', '.join(own)} got a registry attribute of its own, which hides "
                    f"{owner.__name__}.registry: add to the one shared dict (registry[name] = cls) "
                    "instead of assigning a new dict to cls.registry")
        if not registry:
            return f"{owner.__name__}.registry is empty"
        return f"{owner.__name__}.registry holds only {sorted(registry)}"

    def recorded(owner, *names):
        registry = owner.registry
        return {name: (name in registry and registry[name] is globals().get(name)) for name in names}
  `);
});

async function check(owner: string, classes: string[], why: string): Promise<void> {
  const got = await py.value<Record<string, boolean>>(`recorded(${owner}, ${classes.map((c) => `"${c}"`).join(', ')})`);
  for (const name of classes) {
    if (!got[name]) {
      expect.fail(`${name} should be in ${owner}.registry (${why}), but it is not: ${await py.value<string>(`explain(globals().get("${name}"), ${owner})`)}.`);
    }
  }
}

// ---- RegistryMeta ------------------------------------------------------------------

test('a class statement using RegistryMeta still binds the class it creates', async () => {
  await py.exec(`
    class ProbeModel(metaclass=ex.RegistryMeta):
        pass
    bound = "None" if ProbeModel is None else "a class" if isinstance(ProbeModel, type) else repr(ProbeModel)
    made_by = type(ProbeModel).__name__
  `);
  expect(
    await py.value('bound'),
    '`class ProbeModel(metaclass=RegistryMeta)` should bind a class to ProbeModel; a metaclass __new__ that ' +
      'records the class but does not `return` it makes every class statement bind None.',
  ).toBe('a class');
  expect(await py.value('made_by'), "ProbeModel's type should be RegistryMeta").toBe('RegistryMeta');
});

test('subclasses of a RegistryMeta root are recorded by name, at any depth', async () => {
  await py.exec(`
    class ShopModel(metaclass=ex.RegistryMeta):
        pass

    class Customer(ShopModel):
        pass

    class VipCustomer(Customer):
        pass
  `);
  await check('ex.RegistryMeta', ['Customer', 'VipCustomer'], 'the metaclass builds every subclass, grandchildren too');
});

test('the root itself is not recorded', async () => {
  await py.exec(`
    class AuditModel(metaclass=ex.RegistryMeta):
        pass

    class AuditEntry(AuditModel):
        pass
  `);
  expect(
    await py.value('"AuditModel" in ex.RegistryMeta.registry'),
    `AuditModel is the root (none of its bases was made by RegistryMeta), so it must not be recorded; ` +
      `the registry now holds ${await py.value<string>('str(sorted(ex.RegistryMeta.registry))')}`,
  ).toBe(false);
});

test('a root with ordinary bases (a mixin, or object) is still a root', async () => {
  await py.exec(`
    class JsonMixin:
        pass

    class MixedRoot(JsonMixin, metaclass=ex.RegistryMeta):
        pass

    class ObjectRoot(object, metaclass=ex.RegistryMeta):
        pass

    class MixedChild(MixedRoot):
        pass
  `);
  const registry = await py.value<string>('str(sorted(ex.RegistryMeta.registry))');
  for (const root of ['MixedRoot', 'ObjectRoot']) {
    expect(
      await py.value(`"${root}" in ex.RegistryMeta.registry`),
      `${root} has bases, but none of them was made by RegistryMeta, so it is a root and must not be recorded ` +
        `(the registry holds ${registry}). "Has any bases" is not the test: look for a base whose type is a RegistryMeta.`,
    ).toBe(false);
  }
  await check('ex.RegistryMeta', ['MixedChild'], 'its base MixedRoot was made by RegistryMeta');
});

test('a second root is a root too, and does not reset what was recorded', async () => {
  await py.exec(`
    class BillingModel(metaclass=ex.RegistryMeta):
        pass

    class Invoice(BillingModel):
        pass

    class ShippingModel(metaclass=ex.RegistryMeta):
        pass

    class Parcel(ShippingModel):
        pass
  `);
  expect(
    await py.value('"ShippingModel" in ex.RegistryMeta.registry'),
    'ShippingModel is a root like any other, even though it is not the first class made with RegistryMeta',
  ).toBe(false);
  await check('ex.RegistryMeta', ['Invoice', 'Parcel'], 'both subclass a root; one registry serves every root');
});

test('classes are recorded when they are created, also by calling the metaclass directly', async () => {
  await py.exec(`
    class ReportModel(metaclass=ex.RegistryMeta):
        pass

    DailyReport = ex.RegistryMeta("DailyReport", (ReportModel,), {})
  `);
  await check('ex.RegistryMeta', ['DailyReport'], 'RegistryMeta("DailyReport", (ReportModel,), {}) creates a class just like a class statement, and no instance is needed');
});

test('the registry is keyed by __name__, also for a class defined inside a function', async () => {
  await py.exec(`
    class PluginModel(metaclass=ex.RegistryMeta):
        pass

    def make_local():
        class LocalPlugin(PluginModel):
            pass
        return LocalPlugin

    LocalPlugin = make_local()
  `);
  await check('ex.RegistryMeta', ['LocalPlugin'], 'its __name__ is "LocalPlugin" (its __qualname__ is "make_local.<locals>.LocalPlugin")');
});

test('class keywords still reach the other bases (the metaclass passes **kwargs on)', async () => {
  await py.exec(`
    class Tagged:
        def __init_subclass__(cls, tag=None, **kwargs):
            super().__init_subclass__(**kwargs)
            cls.tag = tag

    class TaggedModel(Tagged, metaclass=ex.RegistryMeta):
        pass

    try:
        class TaggedThing(TaggedModel, tag="blue"):
            pass
        outcome = TaggedThing.tag
    except TypeError as error:
        outcome = f"TypeError: {error}"
  `);
  expect(
    await py.value('outcome'),
    '`class TaggedThing(TaggedModel, tag="blue")` should reach Tagged.__init_subclass__ with tag="blue": ' +
      "RegistryMeta's __new__ (and __init__, if you wrote one) must accept **kwargs and pass them to super().",
  ).toBe('blue');
  await check('ex.RegistryMeta', ['TaggedThing'], 'keywords do not change whether a class is recorded');
});

// ---- Registered --------------------------------------------------------------------

test('every subclass of Registered is recorded in Registered.registry, at any depth', async () => {
  await py.exec(`
    class CsvExporter(ex.Registered):
        pass

    class ExcelExporter(CsvExporter):
        pass
  `);
  await check('ex.Registered', ['CsvExporter', 'ExcelExporter'], '__init_subclass__ runs for every subclass, grandchildren too');
  expect(
    await py.value('"Registered" in ex.Registered.registry'),
    'Registered is the root of its tree and must not record itself',
  ).toBe(false);
});

test('Registered needs no metaclass', async () => {
  expect(
    await py.value('type(ex.Registered).__name__'),
    'type(Registered) should be plain `type`: the point is to do without a metaclass, using __init_subclass__',
  ).toBe('type');
});

test('Registered cooperates: other bases still get their __init_subclass__ and its keywords', async () => {
  await py.exec(`
    class Versioned:
        def __init_subclass__(cls, version=1, **kwargs):
            super().__init_subclass__(**kwargs)
            cls.version = version

    try:
        class PdfExporter(ex.Registered, Versioned, version=2):
            pass
        outcome = getattr(PdfExporter, "version", "Versioned.__init_subclass__ never ran")
    except TypeError as error:
        outcome = f"TypeError: {error}"
  `);
  expect(
    await py.value('outcome'),
    '`class PdfExporter(Registered, Versioned, version=2)` should reach Versioned.__init_subclass__ with ' +
      'version=2: Registered.__init_subclass__ must accept **kwargs and call super().__init_subclass__(**kwargs).',
  ).toBe(2);
  await check('ex.Registered', ['PdfExporter'], 'it subclasses Registered');
});

test('the two registries stay separate', async () => {
  await py.exec(`
    class InventoryModel(metaclass=ex.RegistryMeta):
        pass

    class StockItem(InventoryModel):
        pass

    class ZipExporter(ex.Registered):
        pass
  `);
  expect(
    await py.value('ex.RegistryMeta.registry is not ex.Registered.registry'),
    'RegistryMeta.registry and Registered.registry should be two different dicts, but they are one object',
  ).toBe(true);
  expect(
    await py.value('"StockItem" in ex.Registered.registry'),
    'StockItem was made by RegistryMeta; it does not belong in Registered.registry',
  ).toBe(false);
  expect(
    await py.value('"ZipExporter" in ex.RegistryMeta.registry'),
    'ZipExporter subclasses Registered; it does not belong in RegistryMeta.registry',
  ).toBe(false);
});
