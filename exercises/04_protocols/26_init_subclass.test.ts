import { beforeEach, expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// Plugin.registry lives as long as the interpreter, so every test registers
// names of its own (prefixed with the test's topic) and never relies on order.
beforeEach(async () => {
  await py.exec(`
    def outcome(action):
        """What calling action() did: 'ok: <repr>' or '<ExceptionType>: <message>'."""
        try:
            return f"ok: {action()!r}"
        except Exception as error:
            return f"{type(error).__name__}: {error}"

    def define(source):
        """Run a class statement; return 'ok' or '<ExceptionType>: <message>'."""
        try:
            exec(source, globals())
            return "ok"
        except Exception as error:
            return f"{type(error).__name__}: {error}"

    def registry_snapshot():
        """Plugin.registry as {name: class name}, or a note on why it cannot be read."""
        try:
            registry = ex.Plugin.registry
        except AttributeError:
            return "<Plugin has no attribute registry>"
        try:
            return {str(k): getattr(v, "__name__", repr(v)) for k, v in registry.items()}
        except AttributeError:
            return f"<Plugin.registry is a {type(registry).__name__}, not a dict>"

    def own_registry(cls):
        """What the class keeps in its own registry attribute, if it has one of its own."""
        own = vars(cls).get("registry")
        return None if own is None else {str(k): getattr(v, "__name__", repr(v)) for k, v in own.items()}
  `);
});

/** Why a class named `cls` may be missing from Plugin.registry, as far as we can see. */
async function whereDidItGo(cls: string, name: string): Promise<string> {
  const snapshot = await py.value<Record<string, string> | string>('registry_snapshot()');
  if (typeof snapshot === 'string') return ` ${snapshot.replace(/^<|>$/g, '')}: declare registry on Plugin, as a class attribute holding one dict.`;
  if (snapshot[cls] !== undefined && snapshot[name] === undefined) {
    return ` Plugin.registry has it under "${cls}": register the class under the name= keyword, not cls.__name__.`;
  }
  const own = await py.value<Record<string, string> | null>(`own_registry(${cls})`);
  if (own !== null && own[name] !== undefined) {
    return (
      ` ${cls} has a registry of its own that holds it: the hook assigned a new dict to cls.registry, ` +
      "so Plugin.registry never saw it. Add to Plugin's one dict in place (Plugin.registry[name] = cls)."
    );
  }
  return ` Plugin.registry holds ${JSON.stringify(snapshot)}.`;
}

/** Why a class statement that should work raised, when the error shows it. */
function creationNote(made: string): string {
  if (/^TypeError/.test(made) && /takes no keyword arguments|unexpected keyword argument 'name'/.test(made)) {
    return (
      ' The name= keyword travelled on past Plugin to a hook that does not take it (in the end ' +
      'object.__init_subclass__, which takes no keywords): call super().__init_subclass__(**kwargs) with the ' +
      'keywords that are not yours, so name stays with Plugin.'
    );
  }
  return '';
}

test('a subclass declared with name= is recorded in Plugin.registry under that name', async () => {
  const made = await py.value<string>(`define('''
class JsonExporter(ex.Plugin, name="basic-json"):
    pass

class CsvExporter(ex.Plugin, name="basic-csv"):
    pass
''')`);
  expect(made, `class JsonExporter(Plugin, name="basic-json") should be accepted; it raised ${made}.${creationNote(made)}`).toBe(
    'ok',
  );
  for (const [cls, name] of [
    ['JsonExporter', 'basic-json'],
    ['CsvExporter', 'basic-csv'],
  ]) {
    const found = await py.value<boolean>(`getattr(ex.Plugin, "registry", {}).get("${name}") is ${cls}`);
    expect(
      found,
      `Plugin.registry["${name}"] should be the class ${cls}.${found ? '' : await whereDidItGo(cls, name)}`,
    ).toBe(true);
  }
});

test('a subclass without name= is a TypeError', async () => {
  const made = await py.value<string>(`define('''
class Nameless(ex.Plugin):
    pass
''')`);
  expect(
    made,
    `\`class Nameless(Plugin)\` gives no name=, so creating it should raise TypeError; got ${made}. ` +
      'Make name a required keyword-only parameter of __init_subclass__ (no default), and Python raises it for you.',
  ).toMatch(/^TypeError/);
});

test('a subclass of a plugin needs a name of its own, and is registered under it', async () => {
  const made = await py.value<string>(`define('''
class Markdown(ex.Plugin, name="sub-md"):
    pass

class GithubMarkdown(Markdown, name="sub-gfm"):
    pass
''')`);
  expect(made, `a plugin subclass with its own name= should be accepted; it raised ${made}.${creationNote(made)}`).toBe('ok');
  const both = await py.value<boolean>(
    'getattr(ex.Plugin, "registry", {}).get("sub-md") is Markdown and getattr(ex.Plugin, "registry", {}).get("sub-gfm") is GithubMarkdown',
  );
  expect(
    both,
    'class GithubMarkdown(Markdown, name="sub-gfm") should be registered as "sub-gfm" and Markdown stay under "sub-md"; ' +
      (both ? '' : await whereDidItGo('GithubMarkdown', 'sub-gfm')),
  ).toBe(true);
  const nameless = await py.value<string>(`define('''
class PlainMarkdown(Markdown):
    pass
''')`);
  expect(
    nameless,
    `every subclass, however deep, is a plugin and needs its own name: \`class PlainMarkdown(Markdown)\` should raise ` +
      `TypeError; got ${nameless}`,
  ).toMatch(/^TypeError/);
});

test('a name already taken is a ValueError naming it and the class that has it; the registry keeps that class', async () => {
  const first = await py.value<string>(`define('''
class YamlExporter(ex.Plugin, name="dup-yaml"):
    pass
''')`);
  expect(first, `the first plugin named "dup-yaml" should be accepted; it raised ${first}.${creationNote(first)}`).toBe('ok');
  const second = await py.value<string>(`define('''
class OtherYaml(ex.Plugin, name="dup-yaml"):
    pass
''')`);
  const kept = await py.value<string>('registry_snapshot().get("dup-yaml") if isinstance(registry_snapshot(), dict) else registry_snapshot()');
  expect(
    second,
    `a second plugin named "dup-yaml" should raise ValueError; got ${second}` +
      (second !== 'ok'
        ? '.'
        : kept === 'OtherYaml'
          ? ', and Plugin.registry["dup-yaml"] is now OtherYaml: the later class silently replaced the first. ' +
            'Look the name up before registering.'
          : `.${await whereDidItGo('YamlExporter', 'dup-yaml')}`),
  ).toMatch(/^ValueError/);
  expect(
    second.includes('dup-yaml') && second.includes('YamlExporter'),
    `the ValueError should name the taken name "dup-yaml" and the class that has it, YamlExporter; it said: ${second}`,
  ).toBe(true);
  expect(kept, 'after the refused duplicate, Plugin.registry["dup-yaml"] should still be YamlExporter').toBe('YamlExporter');
});

test('Plugin.create builds an instance of the named plugin, passing positional and keyword arguments on', async () => {
  await py.exec(`
    class Greeter(ex.Plugin, name="create-greeter"):
        def __init__(self, greeting, *, punctuation="!"):
            self.greeting = greeting
            self.punctuation = punctuation

        def greet(self, who):
            return f"{self.greeting}, {who}{self.punctuation}"
  `);
  await py.exec('made = ex.Plugin.create("create-greeter", "Hello", punctuation="?")');
  const kind = await py.value<string>(
    '"instance" if isinstance(made, Greeter) else "class" if made is Greeter else type(made).__name__',
  );
  expect(
    kind,
    `Plugin.create("create-greeter", "Hello", punctuation="?") should return a Greeter instance; it returned ` +
      (kind === 'class' ? 'the class Greeter itself: call it with the arguments.' : `a ${kind}.`),
  ).toBe('instance');
  const greeting = await py.value<string>('outcome(lambda: made.greet("Ada"))');
  expect(
    greeting,
    `the instance should have been built as Greeter("Hello", punctuation="?"), so greet("Ada") gives "Hello, Ada?"; got ${greeting}. ` +
      'Pass *args and **kwargs on to the class.',
  ).toBe("ok: 'Hello, Ada?'");
  const plain = await py.value<string>('outcome(lambda: ex.Plugin.create("create-greeter", "Hi").greet("Bob"))');
  expect(plain, `Plugin.create("create-greeter", "Hi") should use the default punctuation; got ${plain}`).toBe("ok: 'Hi, Bob!'");
});

test('Plugin.create with an unknown name raises KeyError naming it and listing the available names', async () => {
  await py.exec(`
    class Alpha(ex.Plugin, name="unknown-alpha"):
        pass
  `);
  const error = await expectRaises(
    py.exec('ex.Plugin.create("unknown-nope")'),
    'KeyError',
    'no plugin is registered as "unknown-nope"',
  );
  expect(
    error.pyMessage.includes('unknown-nope') && error.pyMessage.includes('unknown-alpha'),
    `the KeyError should name "unknown-nope" and list the available names (unknown-alpha is one of them), so a typo ` +
      `is easy to spot; it said: ${error.pyMessage}`,
  ).toBe(true);
});

// A mixin with a hook of its own, which takes a class keyword of its own, and
// records every call so the tests can see whether it ran and with what.
const TAGGED = `
class Tagged:
    calls = []

    def __init_subclass__(cls, *, tag="untagged", **kwargs):
        super().__init_subclass__(**kwargs)
        Tagged.calls.append((cls.__name__, tag))
        cls.tag = tag
`;

async function mixinReport(cls: string, made: string): Promise<string> {
  if (creationNote(made) !== '') return creationNote(made);
  const calls = await py.value<[string, string][]>(`[c for c in Tagged.calls if c[0] == "${cls}"]`);
  if (made === 'ok' && calls.length === 0) {
    return (
      ` Tagged.__init_subclass__ never ran for ${cls}: Plugin's hook ended the chain. Call ` +
      'super().__init_subclass__(**kwargs) in it, so the next class in the MRO gets its turn.'
    );
  }
  if (calls.length > 0 && calls[0]?.[1] === 'untagged') {
    return ` Tagged's hook ran, but without tag="...": pass every keyword that is not name on to super().__init_subclass__.`;
  }
  return '';
}

test("a mixin's own hook and class keyword still work when Plugin comes first among the bases", async () => {
  await py.exec(TAGGED);
  const made = await py.value<string>(`define('''
class Report(ex.Plugin, Tagged, name="mixin-report", tag="pdf"):
    pass
''')`);
  expect(
    made,
    `\`class Report(Plugin, Tagged, name="mixin-report", tag="pdf")\` should be created; it raised ${made}.` +
      (await mixinReport('Report', made)),
  ).toBe('ok');
  const tag = await py.value<string>('getattr(Report, "tag", "<no tag>")');
  expect(
    tag,
    `Tagged's hook should have received tag="pdf" and set Report.tag; Report.tag is ${tag}.${await mixinReport('Report', made)}`,
  ).toBe('pdf');
  expect(
    await py.value('getattr(ex.Plugin, "registry", {}).get("mixin-report") is Report'),
    `Report should also be registered as "mixin-report".${await whereDidItGo('Report', 'mixin-report')}`,
  ).toBe(true);
});

test("Plugin's hook still runs, with name=, when the mixin comes first among the bases", async () => {
  await py.exec(TAGGED);
  const made = await py.value<string>(`define('''
class Invoice(Tagged, ex.Plugin, name="mixin-invoice", tag="csv"):
    pass
''')`);
  expect(
    made,
    `\`class Invoice(Tagged, Plugin, name="mixin-invoice", tag="csv")\` should be created; it raised ${made}.` +
      (await mixinReport('Invoice', made)),
  ).toBe('ok');
  const registered = await py.value<boolean>('getattr(ex.Plugin, "registry", {}).get("mixin-invoice") is Invoice');
  expect(
    registered,
    'Tagged comes first in the MRO, passes name= on through super(), and Plugin\'s hook should then register ' +
      `Invoice as "mixin-invoice".${registered ? '' : await whereDidItGo('Invoice', 'mixin-invoice')}`,
  ).toBe(true);
  expect(await py.value('getattr(Invoice, "tag", "<no tag>")'), 'Invoice.tag should be "csv"').toBe('csv');
});

test("a sibling base's hook runs too, even when it takes no keywords of its own", async () => {
  await py.exec(`
    class Audited:
        seen = []

        def __init_subclass__(cls, **kwargs):
            super().__init_subclass__(**kwargs)
            Audited.seen.append(cls.__name__)
  `);
  const made = await py.value<string>(`define('''
class Exporter(ex.Plugin, Audited, name="sibling-exporter"):
    pass
''')`);
  expect(made, `\`class Exporter(Plugin, Audited, name="sibling-exporter")\` should be created; it raised ${made}.${creationNote(made)}`).toBe('ok');
  const seen = await py.value<string[]>('Audited.seen');
  expect(
    seen,
    `Audited.__init_subclass__ should have run for Exporter (Audited.seen is ${JSON.stringify(seen)}). ` +
      (seen.length === 0
        ? "It never ran: Plugin's hook comes first in the MRO and did not call super().__init_subclass__(**kwargs), so the chain stopped there."
        : ''),
  ).toContain('Exporter');
});
