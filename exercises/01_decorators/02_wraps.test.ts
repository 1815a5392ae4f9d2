import { expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

/** Problems as lines under the message, so they show even when the diff is hidden. */
function listed(problems: string[]): string {
  return problems.length === 0 ? '' : `\n  - ${problems.join('\n  - ')}\n`;
}

test('greet returns its greeting upper-cased', async () => {
  const { value } = await py.call('ex.greet', ['Ada']);
  expect(value, 'greet("Ada") builds "Hello, Ada!", and shout should turn the *result* into "HELLO, ADA!"').toBe(
    'HELLO, ADA!',
  );
});

test('upper-cases the text any decorated function returns, passing every argument through', async () => {
  await py.exec(`
    @ex.shout
    def label(item, count=1, *, unit="pcs"):
        return f"{count} {unit} of {item}"
  `);
  const { value } = await py.eval('[label("tea"), label("rice", 3, unit="kg")]');
  expect(value, 'the wrapper should call fn(*args, **kwargs) and upper-case the str it returns').toEqual([
    '1 PCS OF TEA',
    '3 KG OF RICE',
  ]);
});

test('leaves results that are not str untouched', async () => {
  await py.exec(`
    items = ["a", "b"]
    raw = b"bytes"
    @ex.shout
    def passthrough(value):
        return value
  `);
  const checks = await py.value<Record<string, boolean>>(`{
    "42 stays the int 42": passthrough(42) == 42 and type(passthrough(42)) is int,
    "None stays None": passthrough(None) is None,
    "a list comes back as the very same list": passthrough(items) is items and items == ["a", "b"],
    "bytes stay as they were (only str is upper-cased)": passthrough(raw) == b"bytes",
  }`);
  const broken = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([what]) => what);
  expect(
    broken,
    'shout only changes str results: check isinstance(result, str), and return anything else exactly as fn returned it.' +
      listed(broken),
  ).toEqual([]);
});

test('upper-cases a result whose type is a subclass of str', async () => {
  await py.exec(`
    class Markup(str):
        """Text that is already safe to put in a page."""
    @ex.shout
    def heading(text):
        return Markup(text)
    @ex.shout
    def plain(text):
        return text
  `);
  const { value } = await py.eval('[heading("hi"), plain("hi")]');
  const [fromSubclass, fromStr] = value as [unknown, unknown];
  let where = 'a subclass of str is text too, so it should be upper-cased like any str.';
  if (fromSubclass === 'hi' && fromStr === 'HI') {
    where =
      'a plain str was upper-cased but a Markup(str) came back unchanged, so the check matches the exact type only. ' +
      'isinstance(result, str) also accepts subclasses of str (a Go type switch on `string` would not match `type Markup string`; Python\'s isinstance does).';
  }
  expect(fromSubclass, `heading("hi") returns Markup("hi"), a str subclass; shout gave ${JSON.stringify(fromSubclass)}: ${where}`).toBe(
    'HI',
  );
});

test('greet still has its own name, docstring, type hints and signature', async () => {
  await py.exec(`
    import inspect
    import typing
    greet_checks = [
        (f"__name__ is {ex.greet.__name__!r}, expected 'greet'", ex.greet.__name__ == "greet"),
        (f"__qualname__ is {ex.greet.__qualname__!r}, expected 'greet'", ex.greet.__qualname__ == "greet"),
        (f"__doc__ is {ex.greet.__doc__!r}, expected greet's docstring", "greeting" in (ex.greet.__doc__ or "")),
        (
            f"type hints are {typing.get_type_hints(ex.greet)!r}, expected name: str and return: str",
            typing.get_type_hints(ex.greet) == {"name": str, "return": str},
        ),
        (
            f"inspect.signature shows {inspect.signature(ex.greet)}, expected (name: str) -> str",
            str(inspect.signature(ex.greet)) == "(name: str) -> str",
        ),
    ]
  `);
  const problems = await py.value<string[]>('[problem for problem, ok in greet_checks if not ok]');
  const hasWrapped = await py.value<boolean>('hasattr(ex.greet, "__wrapped__")');
  const signatureWrong = problems.some((problem) => problem.startsWith('inspect.signature'));
  const why =
    signatureWrong && !hasWrapped
      ? ' greet has no __wrapped__ attribute, and that is what inspect.signature follows to find the real parameters: copying the other attributes cannot fix the signature.'
      : '';
  expect(
    problems,
    "greet should still describe itself, but it reports the wrapper's details instead. functools.wraps(fn) copies the name, " +
      'qualname, docstring and annotations, and sets __wrapped__, which inspect.signature follows back to fn.' +
      why +
      listed(problems),
  ).toEqual([]);
});

test('greet.__wrapped__ is the original, undecorated greet', async () => {
  const { value } = await py.eval('getattr(ex.greet, "__wrapped__", None) and ex.greet.__wrapped__("Ada")');
  expect(
    value,
    'functools.wraps sets __wrapped__ to fn, so tools (and tests) can reach the original: ' +
      'greet.__wrapped__("Ada") should return the plain "Hello, Ada!"',
  ).toBe('Hello, Ada!');
});

test('any decorated function keeps its metadata, including a method\'s qualified name', async () => {
  await py.exec(`
    class Herald:
        def announce(self, event: str, *, loud: bool = False) -> str:
            """Describe the event for the crowd."""
            return event
    original = Herald.announce
    shouted = ex.shout(original)
  `);
  const problems = await py.metadataProblems('original', 'shouted');
  expect(
    problems,
    'shout(fn) should carry over fn\'s own metadata (here __qualname__ is "Herald.announce"): ' +
      '@functools.wraps(fn) on the wrapper carries all of it over, whatever fn is:' +
      listed(problems),
  ).toEqual([]);
});

test('decorating does not call the function', async () => {
  await py.exec(`
    calls = []
    def record():
        calls.append(1)
        return "done"
    shouted_record = ex.shout(record)
  `);
  expect(await py.value('calls'), 'shout(fn) only builds the wrapper; fn runs when the wrapper is called').toEqual([]);
  expect(await py.value('shouted_record()'), 'calling the wrapper runs fn and upper-cases its result').toBe('DONE');
});
