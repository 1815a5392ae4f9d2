import { beforeEach, expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// FakeOpener stands in for `open`: every open and close lands in `opener.log`,
// in order. `fail_on` names a path whose open raises FileNotFoundError;
// `fail_close` names paths whose close raises CloseFailed (after being logged).
// Closing a resource twice is logged once, as with real files.
beforeEach(async () => {
  await py.exec(`
    class CloseFailed(OSError):
        pass

    class FakeResource:
        def __init__(self, path, opener):
            self.path = path
            self.opener = opener
            self.closed = False

        def close(self):
            if self.closed:
                return
            self.closed = True
            self.opener.log.append(f"close {self.path}")
            if self.path in self.opener.fail_close:
                raise CloseFailed(f"could not close {self.path}")

        def __enter__(self):
            return self

        def __exit__(self, exc_type, exc, tb):
            self.close()

        def __repr__(self):
            return f"<FakeResource {self.path}>"

    class FakeOpener:
        def __init__(self, fail_on=None, fail_close=()):
            self.log = []
            self.opened = []
            self.fail_on = fail_on
            self.fail_close = set(fail_close)

        def __call__(self, path):
            if path == self.fail_on:
                self.log.append(f"fail {path}")
                raise FileNotFoundError(2, "No such file or directory", path)
            resource = FakeResource(path, self)
            self.log.append(f"open {path}")
            self.opened.append(resource)
            return resource

    def binding_problem(bound):
        """None when open_all bound a list; otherwise what it bound instead, for messages."""
        if isinstance(bound, list):
            return None
        if type(bound).__name__ == "generator":
            return (
                "\`as\` bound a generator, not a list: a generator expression opens nothing until someone "
                "loops over it, so the resources are not open when the block starts. Build a real list "
                "(a list comprehension, or append in a loop)."
            )
        return f"\`as\` bound {bound!r} (a {type(bound).__name__}), not a list of resources."
  `);
});

/** What open_all bound, when it was not a list (set by `problem = binding_problem(...)` in the block). */
async function bindingProblem(): Promise<string | null> {
  return py.value<string | null>('globals().get("problem")');
}

test('open_all binds the opened resources, in path order', async () => {
  await py.exec(`
    opener = FakeOpener()
    with ex.open_all(["a.txt", "b.txt", "c.txt"], opener=opener) as resources:
        problem = binding_problem(resources)
        bound = list(resources)
    same_objects = len(bound) == 3 and all(got is made for got, made in zip(bound, opener.opened))
  `);
  expect(
    await py.value('[getattr(r, "path", repr(r)) for r in bound]'),
    '`as` should bind the list of resources opener returned, one per path, in the order of paths',
  ).toEqual(['a.txt', 'b.txt', 'c.txt']);
  const problem = await bindingProblem();
  expect(problem, `${problem}`).toBeNull();
  expect(
    await py.value('same_objects'),
    'the list should hold the very objects opener(path) returned (what enter_context gives back)',
  ).toBe(true);
});

test('every resource is open before the block starts and none is closed during it', async () => {
  await py.exec(`
    opener = FakeOpener()
    with ex.open_all(["a.txt", "b.txt", "c.txt"], opener=opener) as resources:
        seen_inside = list(opener.log)
        problem = binding_problem(resources)
  `);
  const seen = await py.value<string[]>('seen_inside');
  const problem = await bindingProblem();
  let cause = 'Open every resource before the yield, and yield from inside the ExitStack\'s with block.';
  if (problem !== null) cause = problem;
  else if (seen.some((entry) => entry.startsWith('close')))
    cause = "They were closed before the block ran: the yield is outside the ExitStack's with block; yield from inside it.";
  expect(
    seen,
    `inside the block all three should be open and none closed; the log was: [${seen.join(', ')}]. ${cause}`,
  ).toEqual(['open a.txt', 'open b.txt', 'open c.txt']);
});

test('after the block, every resource is closed, newest first', async () => {
  await py.exec(`
    opener = FakeOpener()
    with ex.open_all(["a.txt", "b.txt", "c.txt"], opener=opener) as resources:
        problem = binding_problem(resources)
  `);
  const log = await py.value<string[]>('opener.log');
  const problem = await bindingProblem();
  const closes = log.filter((entry) => entry.startsWith('close'));
  let cause = 'Look at when and in which order your code closes them.';
  if (problem !== null) cause = problem;
  else if (closes.join() === 'close a.txt,close b.txt,close c.txt')
    cause = 'They were closed oldest first. ExitStack unwinds newest first by itself: register each resource with it.';
  expect(
    log,
    `expected three opens, then closes in reverse order (LIFO); the log was: [${log.join(', ')}]. ${cause}`,
  ).toEqual(['open a.txt', 'open b.txt', 'open c.txt', 'close c.txt', 'close b.txt', 'close a.txt']);
});

test('when the block raises, everything is still closed newest first and the error propagates', async () => {
  await py.exec(`
    opener = FakeOpener()
  `);
  const error = await expectRaises(
    py.exec(`
      with ex.open_all(["a.txt", "b.txt", "c.txt"], opener=opener) as resources:
          problem = binding_problem(resources)
          raise ValueError("bad row")
    `),
    'ValueError',
    'open_all cleans up but must not swallow the error raised in the block',
  );
  expect(error.pyMessage).toBe('bad row');
  const log = await py.value<string[]>('opener.log');
  const problem = await bindingProblem();
  expect(
    log,
    `the block raised, yet every resource should be closed, newest first; the log was: [${log.join(', ')}]. ` +
      (problem ?? 'The error is raised at your yield: the closing must happen even then.'),
  ).toEqual(['open a.txt', 'open b.txt', 'open c.txt', 'close c.txt', 'close b.txt', 'close a.txt']);
});

test('if an open fails, the ones already open are closed newest first and the error propagates', async () => {
  await py.exec(`
    opener = FakeOpener(fail_on="c.txt")
    block_ran = False
    try:
        with ex.open_all(["a.txt", "b.txt", "c.txt", "d.txt"], opener=opener) as resources:
            block_ran = True
            problem = binding_problem(resources)
        outcome = "nothing was raised"
    except FileNotFoundError:
        outcome = "FileNotFoundError"
    except BaseException as error:
        outcome = f"{type(error).__name__}: {error}"
  `);
  const [outcome, log, blockRan] = await py.value<[string, string[], boolean]>('[outcome, opener.log, block_ran]');
  const problem = await bindingProblem();
  let cause = 'Look at what happens to the resources already opened when the next open raises.';
  if (problem !== null) cause = problem;
  else if (!log.includes('fail c.txt')) cause = 'c.txt was never even opened.';
  else if (!log.some((entry) => entry.startsWith('close')))
    cause =
      'a.txt and b.txt were left open: hand each resource to the stack as soon as it is opened, inside the ' +
      'loop, not after opening them all.';
  else if (log.indexOf('close a.txt') < log.indexOf('close b.txt')) cause = 'They were closed oldest first.';
  expect(
    outcome,
    `the opener raises FileNotFoundError for c.txt, and open_all must let the caller see it, but: ${outcome}. ` +
      `The log was: [${log.join(', ')}]. ${outcome === 'nothing was raised' ? cause : ''}`,
  ).toBe('FileNotFoundError');
  expect(
    log,
    `opening c.txt failed, so b.txt and then a.txt should be closed and d.txt never opened; the log was: ` +
      `[${log.join(', ')}]. ${cause}`,
  ).toEqual(['open a.txt', 'open b.txt', 'fail c.txt', 'close b.txt', 'close a.txt']);
  expect(blockRan, 'the with block must not run when opening failed').toBe(false);
});

test('a close that fails does not stop the others from closing', async () => {
  await py.exec(`
    opener = FakeOpener(fail_close={"b.txt"})
    try:
        with ex.open_all(["a.txt", "b.txt", "c.txt"], opener=opener) as resources:
            problem = binding_problem(resources)
        outcome = "nothing was raised"
    except BaseException as error:
        outcome = type(error).__name__
  `);
  const [outcome, log] = await py.value<[string, string[]]>('[outcome, opener.log]');
  const problem = await bindingProblem();
  let cause = 'Look at what happens to the remaining resources when one close raises.';
  if (problem !== null) cause = problem;
  else if (log.includes('close b.txt') && !log.includes('close a.txt'))
    cause = 'Closing stopped at the failing b.txt. A hand-written close loop stops at the first error; ExitStack keeps going.';
  expect(
    log,
    `closing b.txt raises, but a.txt must still be closed after it; the log was: [${log.join(', ')}]. ${cause}`,
  ).toEqual(['open a.txt', 'open b.txt', 'open c.txt', 'close c.txt', 'close b.txt', 'close a.txt']);
  expect(
    outcome,
    `closing b.txt raised CloseFailed; once the rest are closed, that error should reach the caller, but got: ${outcome}`,
  ).toBe('CloseFailed');
});

test('opener may return any context manager: the list holds what each one enters to', async () => {
  await py.exec(`
    from contextlib import contextmanager

    log = []

    @contextmanager
    def connect(path):
        log.append(f"connect {path}")
        try:
            yield f"session:{path}"
        finally:
            log.append(f"disconnect {path}")

    try:
        with ex.open_all(["db1", "db2"], opener=connect) as sessions:
            problem = binding_problem(sessions)
            bound = [s if isinstance(s, str) else f"{type(s).__name__} object" for s in sessions]
            seen_inside = list(log)
        outcome = "ok"
    except BaseException as error:
        outcome = f"{type(error).__name__}: {error}"
  `);
  const outcome = await py.value<string>('outcome');
  expect(
    outcome,
    'opener here is a @contextmanager function: what it returns has __enter__/__exit__ but no close(). ' +
      `open_all raised ${outcome}. ` +
      (outcome.includes("no attribute 'close'")
        ? 'Something called close() on it: let the ExitStack enter each one (stack.enter_context), which ' +
          'exits it properly, instead of closing it yourself or through contextlib.closing.'
        : 'Look at how each resource is entered and handed to the stack.'),
  ).toBe('ok');
  const problem = await bindingProblem();
  const bound = await py.value<string[]>('bound');
  expect(
    bound,
    `\`as\` should bind what each manager's __enter__ returned, ["session:db1", "session:db2"], but it bound ` +
      `[${bound.join(', ')}]. ${problem ?? 'stack.enter_context(cm) enters cm and returns that value; keep it.'}`,
  ).toEqual(['session:db1', 'session:db2']);
  const seenInside = await py.value<string[]>('seen_inside');
  expect(seenInside, `both connections should be open while the block runs; the log inside it was: [${seenInside.join(', ')}]`).toEqual([
    'connect db1',
    'connect db2',
  ]);
  expect(
    await py.value('log'),
    'when the block ends, each manager should be exited, newest first: disconnect db2, then db1',
  ).toEqual(['connect db1', 'connect db2', 'disconnect db2', 'disconnect db1']);
});

test('open_all accepts any iterable of paths, such as a generator', async () => {
  await py.exec(`
    opener = FakeOpener()
    with ex.open_all((name for name in ["x.txt", "y.txt"]), opener=opener) as resources:
        bound = [r.path for r in resources]
  `);
  expect(
    await py.value('bound'),
    'paths may be any iterable; a generator can be walked only once, so loop over it a single time',
  ).toEqual(['x.txt', 'y.txt']);
  const log = await py.value<string[]>('opener.log');
  expect(
    log,
    `with a generator of two paths, expected two opens and two closes, newest first; the log was: ${log.join(', ')}`,
  ).toEqual(['open x.txt', 'open y.txt', 'close y.txt', 'close x.txt']);
});

test('open_all with no paths binds an empty list', async () => {
  await py.exec(`
    with ex.open_all([], opener=FakeOpener()) as resources:
        bound = list(resources)
  `);
  expect(await py.value('bound'), 'no paths, no resources: `as` should bind an empty list').toEqual([]);
});

test('by default open_all opens real files with the built-in open', async () => {
  await py.exec(`
    import pathlib
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        first, second = pathlib.Path(tmp, "first.txt"), pathlib.Path(tmp, "second.txt")
        first.write_text("one")
        second.write_text("two")
        with ex.open_all([str(first), str(second)]) as files:
            texts = [f.read() for f in files]
        closed_after = [f.closed for f in files]
  `);
  expect(
    await py.value('texts'),
    'open_all(paths) without an opener should open each path for reading with the built-in open',
  ).toEqual(['one', 'two']);
  expect(await py.value('closed_after'), 'both files should be closed once the block ends').toEqual([true, true]);
});

// merge works on real files in a temporary folder. `unclosed` lists the
// ResourceWarnings Python gives for file objects that were never closed.
const MERGE_SETUP = `
  import gc
  import pathlib
  import tempfile
  import warnings

  def run_merge(contents, out_text=None, missing_at=None):
      """Write the inputs, run ex.merge, and return (merged text, error type, unclosed warnings)."""
      with tempfile.TemporaryDirectory() as tmp:
          paths = []
          for index, text in enumerate(contents):
              path = pathlib.Path(tmp, f"part{index}.txt")
              if index != missing_at:
                  path.write_text(text)
              paths.append(str(path))
          out = pathlib.Path(tmp, "merged.txt")
          if out_text is not None:
              out.write_text(out_text)
          error = None
          with warnings.catch_warnings(record=True) as caught:
              warnings.simplefilter("always", ResourceWarning)
              try:
                  ex.merge(paths, str(out))
              except Exception as exc:
                  error = type(exc).__name__
              gc.collect()
          unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
          merged = out.read_text() if out.exists() else None
          return merged, error, unclosed
`;

test('merge writes the text of every input into out, in order, with nothing added', async () => {
  await py.exec(MERGE_SETUP);
  await py.exec('merged, error, unclosed = run_merge(["alpha\\n", "beta", "gamma\\n"])');
  const error = await py.value<string | null>('error');
  expect(error, `merge raised ${error} on three readable inputs; it should have merged them`).toBeNull();
  expect(
    await py.value('merged'),
    'out should hold the inputs back to back: "alpha\\n" + "beta" + "gamma\\n". Write each file\'s ' +
      'text as it is, no separators, no stripping.',
  ).toBe('alpha\nbetagamma\n');
});

test('merge replaces whatever out held before', async () => {
  await py.exec(MERGE_SETUP);
  await py.exec('merged, error, unclosed = run_merge(["new\\n"], out_text="OLD CONTENT\\n")');
  const merged = await py.value<string | null>('merged');
  expect(
    merged,
    `out already held "OLD CONTENT\\n"; after merging one input holding "new\\n" it held ${JSON.stringify(merged)}. ` +
      'It should hold only the merged text: open out with "w" (which empties it), not "a".',
  ).toBe('new\n');
});

test('merge with no inputs leaves an empty out file', async () => {
  await py.exec(MERGE_SETUP);
  await py.exec('merged, error, unclosed = run_merge([], out_text="stale")');
  const error = await py.value<string | null>('error');
  expect(error, `merge([], out) raised ${error}; with no inputs it should simply write nothing`).toBeNull();
  expect(await py.value('merged'), 'with nothing to merge, out should exist and be empty').toBe('');
});

test('merge closes every file it opens', async () => {
  await py.exec(MERGE_SETUP);
  await py.exec('merged, error, unclosed = run_merge(["a\\n", "b\\n", "c\\n"])');
  const unclosed = await py.value<string[]>('unclosed');
  expect(
    unclosed,
    `Python warned about files that were never closed: ${unclosed.join('; ')}. Open every input through ` +
      'the ExitStack (or open_all) and the output in a with statement.',
  ).toEqual([]);
});

test('merge raises for a missing input and still closes the inputs it had opened', async () => {
  await py.exec(MERGE_SETUP);
  await py.exec('merged, error, unclosed = run_merge(["a\\n", "b\\n", "c\\n"], missing_at=2)');
  expect(
    await py.value('error'),
    'the third input does not exist, so merge should let the FileNotFoundError propagate',
  ).toBe('FileNotFoundError');
  const unclosed = await py.value<string[]>('unclosed');
  expect(
    unclosed,
    `opening the third input failed, and Python warned about files left open: ${unclosed.join('; ')}. ` +
      'Register each input with the ExitStack as soon as it is opened, so a later failure closes it.',
  ).toEqual([]);
});
