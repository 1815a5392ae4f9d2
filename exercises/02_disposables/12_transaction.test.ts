import { beforeEach, expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// A connection that records every call in `conn.log`, in order. `failing`
// names transaction methods that record themselves and then raise.
beforeEach(async () => {
  await py.exec(`
    class FakeTransaction:
        def __init__(self, log, failing):
            self.log = log
            self.failing = failing

        def _record(self, action):
            self.log.append(action)
            if action in self.failing:
                raise ConnectionError(f"{action} failed")

        def commit(self):
            self._record("commit")

        def rollback(self):
            self._record("rollback")

        def close(self):
            self._record("close")

    class FakeConnection:
        def __init__(self, failing=()):
            self.log = []
            self.failing = failing

        def begin(self):
            self.log.append("begin")
            return FakeTransaction(self.log, self.failing)

        def execute(self, sql):
            self.log.append(f"execute {sql}")
  `);
});

test('nothing happens until the with block is entered', async () => {
  await py.exec(`
    conn = FakeConnection()
    manager = ex.transaction(conn)
  `);
  expect(
    await py.value('conn.log'),
    'calling transaction(conn) only builds the context manager; begin() belongs to entering the with ' +
      '(the code before the yield runs then)',
  ).toEqual([]);
});

test('begins before the block runs and binds the connection itself', async () => {
  await py.exec(`
    conn = FakeConnection()
    with ex.transaction(conn) as bound:
        seen_inside = list(conn.log)
  `);
  expect(
    await py.value('seen_inside'),
    'when the block starts, conn.begin() should have been called exactly once, and nothing else yet',
  ).toEqual(['begin']);
  expect(
    await py.value('bound is conn'),
    `\`as\` should bind the connection itself (yield conn), but it bound ${await py.value('repr(bound)')}`,
  ).toBe(true);
});

test('a block that finishes commits, then closes', async () => {
  await py.exec(`
    conn = FakeConnection()
    with ex.transaction(conn) as c:
        c.execute("INSERT")
  `);
  const log = await py.value<string[]>('conn.log');
  expect(
    log,
    `expected begin, the block's work, commit, then close; the calls were: ${log.join(', ')}. ` +
      'Commit after the yield, and close last.',
  ).toEqual(['begin', 'execute INSERT', 'commit', 'close']);
});

test('a block that raises rolls back, closes and never commits', async () => {
  await py.exec(`
    conn = FakeConnection()
    try:
        with ex.transaction(conn) as c:
            c.execute("UPDATE")
            raise ValueError("constraint violated")
    except ValueError:
        pass
  `);
  const log = await py.value<string[]>('conn.log');
  expect(
    log,
    `expected begin, the block's work, rollback, then close; the calls were: ${log.join(', ')}. ` +
      'The exception is raised at your yield: catch it there, roll back, and make sure commit is skipped.',
  ).toEqual(['begin', 'execute UPDATE', 'rollback', 'close']);
});

test('any error from the block, not only ValueError, rolls back, closes and propagates', async () => {
  await py.exec(`
    class OutOfStock(Exception):
        pass

    outcomes = []
    for error in (KeyError("sku-42"), RuntimeError("driver crashed"), OutOfStock("none left")):
        conn = FakeConnection()
        try:
            with ex.transaction(conn):
                raise error
            escaped = "swallowed"
        except BaseException as caught:
            escaped = "same" if caught is error else f"replaced by {caught!r}"
        outcomes.append(f"{type(error).__name__}: {', '.join(conn.log)}; {escaped}")
  `);
  const outcomes = await py.value<string[]>('outcomes');
  expect(
    outcomes,
    'a KeyError, a RuntimeError and a custom Exception subclass were raised in turn; each should be rolled ' +
      'back, closed, and reach the caller as the same object. Got:\n  ' +
      outcomes.join('\n  ') +
      (outcomes.some((line) => !line.includes('rollback'))
        ? '\nSome of them were never rolled back: the except around the yield must catch every exception ' +
          '(Exception, or BaseException), not one particular type.'
        : '\nLook at the path an exception takes from the yield through your generator.'),
  ).toEqual([
    'KeyError: begin, rollback, close; same',
    'RuntimeError: begin, rollback, close; same',
    'OutOfStock: begin, rollback, close; same',
  ]);
});

test("the block's exception is re-raised, the very same object", async () => {
  await py.exec(`
    conn = FakeConnection()
    problem = ValueError("constraint violated")
  `);
  const error = await expectRaises(
    py.exec(`
      with ex.transaction(conn):
          raise problem
    `),
    'ValueError',
    'after rolling back, the error must reach the caller: re-raise it with a bare `raise`. ' +
      'Catching it without raising makes @contextmanager swallow it',
  );
  expect(error.pyMessage).toBe('constraint violated');
  await py.exec(`
    try:
        with ex.transaction(FakeConnection()):
            raise problem
    except BaseException as caught:
        same = caught is problem
  `);
  expect(
    await py.value('same'),
    'the caller should get the original exception object, not a new one wrapping it: use a bare `raise`',
  ).toBe(true);
});

test('closes even when commit fails, and the commit error propagates', async () => {
  await py.exec(`
    conn = FakeConnection(failing={"commit"})
  `);
  await expectRaises(
    py.exec(`
      with ex.transaction(conn):
          pass
    `),
    'ConnectionError',
    'commit() raised ConnectionError, and nothing should hide that from the caller',
  );
  const log = await py.value<string[]>('conn.log');
  expect(
    log.filter((call) => call === 'close').length === 1 && log.at(-1) === 'close',
    `commit() raised, yet close() must still run, once, as the last call; the calls were: ${log.join(', ')}. ` +
      'Put close() in a finally that also covers the commit.',
  ).toBe(true);
});

test('closes even when rollback fails', async () => {
  await py.exec(`
    conn = FakeConnection(failing={"rollback"})
  `);
  await expectRaises(
    py.exec(`
      with ex.transaction(conn):
          raise ValueError("constraint violated")
    `),
    'ConnectionError',
    'the block raised ValueError and then rollback() raised ConnectionError; one of them must propagate',
    ['ValueError'],
  );
  const log = await py.value<string[]>('conn.log');
  expect(
    log,
    `rollback() raised, yet close() must still run as the last call; the calls were: ${log.join(', ')}. ` +
      'Put close() in a finally that also covers the rollback.',
  ).toEqual(['begin', 'rollback', 'close']);
});

test('a BaseException such as KeyboardInterrupt never commits, still closes and propagates', async () => {
  await py.exec(`
    conn = FakeConnection()
    try:
        with ex.transaction(conn):
            raise KeyboardInterrupt
        outcome = "swallowed"
    except KeyboardInterrupt:
        outcome = "propagated"
  `);
  const log = await py.value<string[]>('conn.log');
  expect(
    !log.includes('commit') && log.at(-1) === 'close',
    `a block interrupted by KeyboardInterrupt did not finish, so it must not commit, and the transaction ` +
      `must still be closed; the calls were: ${log.join(', ')}. Commit only on the path where the yield returned.`,
  ).toBe(true);
  expect(await py.value('outcome'), 'the KeyboardInterrupt must reach the caller').toBe('propagated');
});
