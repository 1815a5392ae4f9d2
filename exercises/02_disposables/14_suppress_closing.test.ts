import { afterEach, beforeEach, expect, test } from 'vitest';
import { expectRaises, ref, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// A handle with read() and close() but no __enter__/__exit__, recording what happens to it.
const RESOURCE = `
  class Handle:
      def __init__(self, payload=None, error=None):
          self.payload = payload
          self.error = error
          self.events = []

      def read(self):
          self.events.append("read")
          if self.error is not None:
              raise self.error
          return self.payload

      def close(self):
          self.events.append("close")
`;

// Every test gets its own scratch folder, removed afterwards.
beforeEach(async () => {
  await py.exec(`
    import os, pathlib, shutil, tempfile
    workdir = tempfile.mkdtemp(prefix="advpy14-")
  `);
  await py.exec(RESOURCE);
});

afterEach(async () => {
  await py.exec('shutil.rmtree(workdir, ignore_errors=True)');
});

test('remove_if_exists deletes an existing file and returns True (str or pathlib.Path)', async () => {
  await py.exec(`
    as_str = os.path.join(workdir, "old.log")
    as_path = pathlib.Path(workdir, "older.log")
    pathlib.Path(as_str).write_text("x")
    as_path.write_text("y")
    results = [ex.remove_if_exists(as_str), ex.remove_if_exists(as_path)]
  `);
  expect(
    await py.value('results'),
    'remove_if_exists(path) should return True after deleting a file that was there ' +
      '(for a str and for a pathlib.Path). Check what your function returns when os.remove succeeds.',
  ).toEqual([true, true]);
  expect(
    await py.value('[os.path.exists(as_str), as_path.exists()]'),
    'the files should be gone after remove_if_exists; call os.remove(path) (or Path(path).unlink())',
  ).toEqual([false, false]);
});

test('remove_if_exists returns False, without raising, when there is no such file', async () => {
  await py.exec('missing = os.path.join(workdir, "never-created.tmp")');
  const { value } = await py.eval('ex.remove_if_exists(missing)');
  let cause = '';
  if (value === true)
    cause =
      ' A suppressed error skips the rest of the `with suppress(...)` block: only code after the block runs, ' +
      'so True must be returned inside the block and False after it.';
  else if (value === null) cause = ' None is falsy, but the promise is a bool: return False explicitly after the block.';
  expect(
    value,
    `for a missing file remove_if_exists should return False, but it returned ${JSON.stringify(value)}.${cause}`,
  ).toBe(false);
});

test('remove_if_exists lets other OS errors through (a directory is not "missing")', async () => {
  await py.exec(`
    folder = os.path.join(workdir, "a-folder")
    os.mkdir(folder)
    try:
        outcome = ["returned", ex.remove_if_exists(folder)]
    except FileNotFoundError as error:
        outcome = ["FileNotFoundError", str(error)]
    except OSError as error:
        outcome = ["raised another OSError", type(error).__name__]
  `);
  const outcome = await py.value<[string, unknown]>('outcome');
  expect(
    outcome[0],
    `removing a directory should raise an OSError such as IsADirectoryError or PermissionError, but ` +
      `remove_if_exists ${outcome[0] === 'returned' ? `returned ${JSON.stringify(outcome[1])}` : `raised ${outcome[0]}`}. ` +
      (outcome[0] === 'returned' && outcome[1] === true
        ? 'It reported a removal: remove_if_exists deletes files only (os.remove), never a directory.'
        : outcome[0] === 'returned'
          ? 'Suppress only FileNotFoundError, not OSError or Exception: those hide real problems.'
          : 'A directory is not a missing file: let the error os.remove raises for it through unchanged.'),
  ).toBe('raised another OSError');
  expect(await py.value('os.path.isdir(folder)'), 'the directory must not be removed').toBe(true);
});

test.skipIf(process.platform === 'win32')(
  'remove_if_exists deletes a broken symbolic link instead of reporting it missing',
  async () => {
    await py.exec(`
      link = os.path.join(workdir, "dangling")
      os.symlink(os.path.join(workdir, "no-such-target"), link)
      result = ex.remove_if_exists(link)
    `);
    expect(
      await py.value('[result, os.path.lexists(link)]'),
      'a symlink whose target is gone is still a directory entry: os.remove deletes it and the function ' +
        'returns True. os.path.exists(link) says False here, so do not check exists() first: just try to remove.',
    ).toEqual([true, false]);
  },
);

test('read_all works on an object with close() but no __enter__/__exit__, returning what read() returned', async () => {
  await py.exec(`
    payload = object()
    handle = Handle(payload=payload)
    try:
        outcome = ex.read_all(handle) is payload
    except (TypeError, AttributeError) as error:
        outcome = f"{type(error).__name__}: {error}"
  `);
  const outcome = await py.value('outcome');
  expect(
    outcome,
    typeof outcome === 'string'
      ? `read_all raised ${outcome}. The resource has read() and close() but no __enter__/__exit__, so ` +
          '`with resource:` cannot work; `with closing(resource) as r:` gives it that protocol.'
      : 'read_all(resource) should return the very object resource.read() returned',
  ).toBe(true);
});

test('read_all closes the resource exactly once, after reading', async () => {
  await py.exec(`
    handle = Handle(payload=b"all the bytes")
    try:
        ex.read_all(handle)
    except (TypeError, AttributeError):
        pass
  `);
  const events = await py.value<string[]>('handle.events');
  const closes = events.filter((event) => event === 'close').length;
  let cause = 'Read inside the block, and let the block end close it.';
  if (closes === 0) cause = 'It was never closed, so the resource leaks.';
  else if (closes > 1) cause = 'It was closed more than once: closing(...) already calls close() for you.';
  expect(
    events,
    `read_all should call read() and then close(), once; the calls were [${events.join(', ')}]. ${cause}`,
  ).toEqual(['read', 'close']);
});

test('read_all closes the resource even when read() raises, and lets the error through', async () => {
  await py.exec(`
    class ReadFailed(Exception):
        pass
    handle = Handle(error=ReadFailed("connection reset"))
  `);
  const error = await expectRaises(
    py.call('ex.read_all', [ref('handle')]),
    'ReadFailed',
    'the error from read() must reach the caller: closing the resource is cleanup, not error handling, so ' +
      'nothing in read_all may swallow it',
  );
  expect(error.pyMessage).toBe('connection reset');
  expect(
    await py.value('handle.events'),
    'the resource must be closed even though read() raised: a close() written after the read is skipped ' +
      'by the exception. Let closing(...) (or try/finally) do the closing.',
  ).toEqual(['read', 'close']);
});
