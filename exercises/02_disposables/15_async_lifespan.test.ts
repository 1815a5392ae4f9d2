import { beforeEach, expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url, { fakeTime: true });

// `run(coro)` is asyncio.run on a loop that lives on the fake clock: when every
// task is waiting for a timer, the clock jumps to that timer instead of the
// process really sleeping. So `await asyncio.sleep(0.5)` costs no real time,
// while a blocking time.sleep is still recorded in clock.sleeps.
//
// PoolFactory is the `create_pool` the suite passes in: an async function that
// records when it was called, fails with the given exceptions first, and then
// returns a FakePool whose async close() records that it really ran.
const SETUP = `
  import asyncio, selectors, types

  class VirtualTimeSelector(selectors.DefaultSelector):
      def select(self, timeout=None):
          ready = super().select(0)
          if ready or timeout is None:
              return ready or super().select(timeout)
          clock.advance(max(timeout, 0))
          return []

  class ForgotAwait(Exception):
      """Raised by run() when create_pool() was called but what it returned was never awaited."""

  factories = []

  def run(coro):
      try:
          return asyncio.run(coro, loop_factory=lambda: asyncio.SelectorEventLoop(VirtualTimeSelector()))
      finally:
          forgotten = sum(factory.requested - len(factory.calls) for factory in factories)
          if forgotten:
              raise ForgotAwait(
                  f"lifespan called create_pool() {forgotten} time(s) without awaiting what it returned. "
                  "An async function gives back a coroutine that does nothing until it is awaited, so "
                  "lifespan got a coroutine, not a pool. Write \`await create_pool()\`."
              )

  events = []

  class FakePool:
      def __init__(self):
          self.closed = False
          self.close_calls = 0

      def close(self):
          # An async method, seen from outside: calling it counts, awaiting what it returns closes.
          self.close_calls += 1
          return self._close()

      async def _close(self):
          await asyncio.sleep(0)
          events.append("close pool")
          self.closed = True

  class PoolFactory:
      def __init__(self, *failures):
          self.failures = list(failures)
          self.requested = 0
          self.calls = []
          self.pools = []
          factories.append(self)

      def __call__(self):
          # Works like an async function: calling it counts, awaiting what it returns makes the attempt.
          self.requested += 1
          return self._attempt()

      async def _attempt(self):
          self.calls.append(clock.now)
          events.append("create pool")
          await asyncio.sleep(0)
          if self.failures:
              raise self.failures.pop(0)
          pool = FakePool()
          self.pools.append(pool)
          return pool

      def offsets(self):
          """When each attempt happened, in seconds after the first one."""
          return [round(t - self.calls[0], 6) for t in self.calls]

  app = types.SimpleNamespace(state=types.SimpleNamespace())
  clock.sleeps.clear()
`;

beforeEach(async () => {
  await py.exec(SETUP);
});

async function settings(): Promise<{ attempts: number; delay: number }> {
  const [attempts, delay] = await py.value<[number, number]>('[ex.CONNECT_ATTEMPTS, ex.RETRY_DELAY]');
  return { attempts, delay };
}

test('lifespan creates the pool on entry and puts it on app.state.pool before the block runs', async () => {
  await py.exec(`
    factory = PoolFactory()
    async def main():
        async with ex.lifespan(app, factory):
            pool = factory.pools[0] if factory.pools else None
            return {
                "pools created": len(factory.pools),
                "app.state.pool is that pool": pool is not None and getattr(app.state, "pool", None) is pool,
                "already closed": pool is not None and pool.closed,
            }
    inside = run(main())
  `);
  const inside = await py.value<Record<string, unknown>>('inside');
  expect(
    inside['pools created'],
    'when the async with block starts, lifespan should have awaited create_pool() exactly once',
  ).toBe(1);
  expect(
    inside['app.state.pool is that pool'],
    'inside the block, app.state.pool should be the very pool that create_pool() gave back, set before the yield',
  ).toBe(true);
  expect(inside['already closed'], 'the pool must stay open while the block runs: close it after the yield').toBe(false);
});

test('lifespan closes the pool once the block has finished', async () => {
  await py.exec(`
    factory = PoolFactory()
    async def main():
        async with ex.lifespan(app, factory):
            events.append("block runs")
    run(main())
  `);
  const events = await py.value<string[]>('events');
  const [closeCalls] = await py.value<[number]>('[factory.pools[0].close_calls if factory.pools else 0]');
  let cause = 'Close the pool after the yield.';
  if (!events.includes('close pool') && closeCalls > 0)
    cause = 'close() was called, but what it returned was never awaited, so nothing closed: write `await pool.close()`.';
  expect(
    events,
    `expected the pool to be created, then the block to run, then the pool to be closed; got [${events.join(', ')}]. ${cause}`,
  ).toEqual(['create pool', 'block runs', 'close pool']);
});

test('lifespan closes the pool when the block raises, and the error still reaches the caller', async () => {
  await py.exec(`
    class HandlerCrashed(Exception):
        pass
    factory = PoolFactory()
    async def main():
        try:
            async with ex.lifespan(app, factory):
                raise HandlerCrashed("request handler failed")
        except HandlerCrashed as error:
            return {"caller saw": str(error), "closed": factory.pools[0].closed}
        return {"caller saw": None, "closed": factory.pools[0].closed}
    outcome = run(main())
    close_calls = factory.pools[0].close_calls
  `);
  const outcome = await py.value<{ 'caller saw': string | null; closed: boolean }>('outcome');
  const closeCalls = await py.value<number>('close_calls');
  expect(
    outcome.closed,
    'the block raised and the pool was left open. ' +
      (closeCalls > 0
        ? 'close() was called, but what it returned was never awaited, so nothing closed: write `await pool.close()`.'
        : 'The exception is thrown in at the `yield`: put the close in a `finally:` around it so it runs on errors too.'),
  ).toBe(true);
  expect(
    outcome['caller saw'],
    'the exception from the block was swallowed. Close the pool in `finally:`, without an `except` that ' +
      'does not re-raise, so the error goes on to the caller.',
  ).toBe('request handler failed');
});

test('lifespan awaits pool.close() instead of only calling it', async () => {
  await py.exec(`
    factory = PoolFactory()
    async def main():
        async with ex.lifespan(app, factory):
            pass
    run(main())
    pool = factory.pools[0]
  `);
  const [closeCalls, closed] = await py.value<[number, boolean]>('[pool.close_calls, pool.closed]');
  expect(
    closed,
    closeCalls > 0
      ? 'pool.close() was called but what it returned was never awaited: close() is an async method, so the ' +
          'call alone only creates a coroutine and nothing closes. Write `await pool.close()`.'
      : 'pool.close() was never called: close the pool after the yield, with `await`.',
  ).toBe(true);
  expect(closeCalls, `pool.close() should be called exactly once, but it was called ${closeCalls} times`).toBe(1);
});

test('lifespan retries create_pool after a ConnectionError, waiting RETRY_DELAY seconds', async () => {
  const { delay } = await settings();
  await py.exec(`
    factory = PoolFactory(ConnectionRefusedError("database is still starting"))
    async def main():
        async with ex.lifespan(app, factory):
            return getattr(app.state, "pool", None) is factory.pools[0]
    pool_in_state = run(main())
  `);
  expect(
    await py.value('factory.offsets()'),
    `create_pool failed once with ConnectionRefusedError (a ConnectionError), so lifespan should try again ` +
      `${delay}s (RETRY_DELAY) later. Expected the attempts at these offsets in seconds.`,
  ).toEqual([0, delay]);
  expect(await py.value('pool_in_state'), 'app.state.pool should be the pool from the attempt that worked').toBe(true);
});

test('lifespan waits with await asyncio.sleep, so other tasks run meanwhile (never the blocking time.sleep)', async () => {
  await py.exec(`
    factory = PoolFactory(ConnectionRefusedError("database is still starting"))
    beats = []
    async def heartbeat():
        while True:
            beats.append(clock.now)
            await asyncio.sleep(0.1)
    async def main():
        ticking = asyncio.create_task(heartbeat())
        await asyncio.sleep(0)
        try:
            async with ex.lifespan(app, factory):
                pass
        finally:
            ticking.cancel()
    run(main())
    first, second = (factory.calls[0], factory.calls[-1]) if factory.calls else (0, 0)
    beats_while_waiting = sum(first < t < second for t in beats)
  `);
  expect(
    await py.value('clock.sleeps'),
    'time.sleep was called: inside a coroutine it blocks the whole event loop. Use `await asyncio.sleep(...)`.',
  ).toEqual([]);
  expect(
    await py.value('beats_while_waiting'),
    'another task should keep running while lifespan waits between attempts; a blocking wait stalls the ' +
      'event loop. Use `await asyncio.sleep(RETRY_DELAY)`.',
  ).toBeGreaterThan(0);
});

test('lifespan gives up after CONNECT_ATTEMPTS failures and re-raises the last ConnectionError, with no wait after it', async () => {
  const { attempts, delay } = await settings();
  await py.exec(`
    factory = PoolFactory(*[ConnectionError(f"attempt {n} refused") for n in range(1, ex.CONNECT_ATTEMPTS + 2)])
    body_ran = False
    async def main():
        global body_ran
        try:
            async with ex.lifespan(app, factory):
                body_ran = True
        except ConnectionError as error:
            return {"raised": str(error), "gave up after": round(clock.now - factory.calls[0], 6)}
        return {"raised": None, "gave up after": None}
    outcome = run(main())
  `);
  const offsets = Array.from({ length: attempts }, (_, i) => i * delay);
  expect(
    await py.value('factory.offsets()'),
    `expected exactly CONNECT_ATTEMPTS (${attempts}) calls to create_pool, ${delay}s apart`,
  ).toEqual(offsets);
  const outcome = await py.value<{ raised: string | null; 'gave up after': number | null }>('outcome');
  expect(
    outcome.raised,
    'after the last attempt fails, its ConnectionError should reach the caller (re-raise it, do not return)',
  ).toBe(`attempt ${attempts} refused`);
  expect(
    outcome['gave up after'],
    'the error should be raised right after the last attempt: do not wait RETRY_DELAY when no retry follows',
  ).toBe(offsets[offsets.length - 1]);
  expect(await py.value('body_ran'), 'without a pool, the block must not run').toBe(false);
});

test('lifespan does not retry errors other than ConnectionError', async () => {
  await py.exec(`
    factory = PoolFactory(PermissionError("password rejected"), PermissionError("still rejected"))
    async def main():
        try:
            async with ex.lifespan(app, factory):
                pass
        except Exception as error:
            return [type(error).__name__, str(error)]
        return ["nothing raised", None]
    outcome = run(main())
  `);
  expect(
    await py.value('len(factory.calls)'),
    'a PermissionError (an OSError, but not a ConnectionError) will not go away by retrying: create_pool ' +
      'should be called once. Catch ConnectionError only.',
  ).toBe(1);
  expect(await py.value('outcome'), 'the PermissionError should reach the caller at once, unchanged').toEqual([
    'PermissionError',
    'password rejected',
  ]);
  expect(await py.value('clock.now - factory.calls[0]'), 'no wait should happen before giving up').toBe(0);
});

test('AsyncTimer works with async with, binds itself, and measures awaited time in seconds', async () => {
  await py.exec(`
    async def main():
        timer = ex.AsyncTimer()
        try:
            async with timer as bound:
                await asyncio.sleep(1.25)
        except TypeError as error:
            return {"problem": str(error)}
        return {"bound itself": bound is timer, "elapsed": getattr(timer, "elapsed", None)}
    outcome = run(main())
  `);
  const outcome = await py.value<Record<string, unknown>>('outcome');
  expect(
    outcome.problem,
    `\`async with AsyncTimer()\` raised TypeError: ${String(outcome.problem)}. \`async with\` needs ` +
      '`async def __aenter__` and `async def __aexit__` (awaitable versions of __enter__/__exit__)',
  ).toBeUndefined();
  expect(outcome['bound itself'], '__aenter__ should return the timer, so `as t` binds it').toBe(true);
  expect(
    outcome.elapsed,
    `the block awaited asyncio.sleep(1.25), so elapsed should be 1.25 (seconds), but it was ${String(outcome.elapsed)}. ` +
      'Read time.perf_counter() in __aenter__ and again in __aexit__.',
  ).toBeCloseTo(1.25, 6);
});

test('AsyncTimer starts its clock on entry, not when it is created', async () => {
  await py.exec(`
    async def main():
        timer = ex.AsyncTimer()
        await asyncio.sleep(5)
        async with timer:
            await asyncio.sleep(0.5)
        return timer.elapsed
    elapsed = run(main())
  `);
  const elapsed = await py.value<number>('elapsed');
  expect(
    elapsed,
    `the timer was created 5 s before the block began and the block took 0.5 s, but elapsed was ${elapsed}. ` +
      (Math.abs(elapsed - 5.5) < 1e-6
        ? 'That includes the 5 s before the block: read the clock in __aenter__, not in __init__.'
        : 'Read the clock in __aenter__ and again in __aexit__.'),
  ).toBeCloseTo(0.5, 6);
});

test('AsyncTimer sets elapsed even when the block raises, and does not swallow the error', async () => {
  await py.exec(`
    async def main():
        timer = ex.AsyncTimer()
        try:
            async with timer:
                await asyncio.sleep(2)
                raise KeyError("order-42")
        except KeyError as error:
            return {"raised": str(error), "elapsed": getattr(timer, "elapsed", None)}
        return {"raised": None, "elapsed": getattr(timer, "elapsed", None)}
    outcome = run(main())
  `);
  const outcome = await py.value<{ raised: string | null; elapsed: number | null }>('outcome');
  expect(
    outcome.raised,
    'the KeyError from the block should reach the caller: __aexit__ must not return a truthy value',
  ).toBe("'order-42'");
  expect(
    outcome.elapsed,
    `the block ran 2 s and raised; elapsed should be 2, but it was ${String(outcome.elapsed)}` +
      (outcome.elapsed === null ? ': set it in __aexit__ whether or not the block raised.' : '.'),
  ).toBeCloseTo(2, 6);
});
