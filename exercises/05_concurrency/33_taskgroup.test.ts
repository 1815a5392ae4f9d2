import { beforeEach, expect, test } from 'vitest';
import { PyObject, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url, { fakeTime: true });

// The suite never waits for real time. `run(main())` is asyncio.run on a loop
// that lives on the fake clock: when every task is waiting, the clock jumps to
// the next timer instead of the process sleeping. A timeout of 0.05 s, or a
// wait that never ends (bounded by PATIENCE), costs no real time, and the
// outcome never depends on how busy the machine is.
//
// Backend holds the fake get_user and get_orders for one scenario. Each call
// notes that it started, then waits (at most PARTNER_WAIT on the fake clock)
// for the other call to start too, which proves the two run at the same time;
// then it returns its result, raises the error given in `fail`, or, if its
// name is in `hang`, waits forever. A call that is cancelled notes it (the fake
// catches CancelledError, records it, and re-raises).
//
// `attempt(load, backend, timeout)` awaits load(7, get_user=..., get_orders=...,
// timeout=...) and describes how it ended, with the state of both calls at
// that very moment: "not called", "running", "returned", "raised" or
// "cancelled". It gives up after PATIENCE (on the fake clock) and says "stuck".
const SETUP = `
  import asyncio, inspect, selectors

  class VirtualTimeSelector(selectors.DefaultSelector):
      def select(self, timeout=None):
          ready = super().select(0)
          if ready or timeout is None:
              return ready or super().select(timeout)
          clock.advance(max(timeout, 0))
          return []

  def run(main):
      return asyncio.run(main, loop_factory=lambda: asyncio.SelectorEventLoop(VirtualTimeSelector()))

  PATIENCE = 600  # seconds on the fake clock: far longer than any deadline here
  PARTNER_WAIT = 5  # how long, on the fake clock, each call waits for the other to start
  NAMES = ("get_user", "get_orders")

  class UserNotFound(LookupError):
      pass

  class Backend:
      def __init__(self, *, fail=None, hang=()):
          self.results = {"get_user": {"id": 7, "name": "Ada"}, "get_orders": [{"order": 1}, {"order": 2}]}
          self.fail = dict(fail or {})
          self.hang = set(hang)
          self.started = {name: asyncio.Event() for name in NAMES}
          self.calls = []
          self.state = {name: "not called" for name in NAMES}
          self.in_flight = 0
          self.most = 0

      async def call(self, name, user_id):
          other = NAMES[1 - NAMES.index(name)]
          with kit.timeline.span(name):
              self.calls.append([name, user_id])
              self.state[name] = "running"
              self.in_flight += 1
              self.most = max(self.most, self.in_flight)
              self.started[name].set()
              try:
                  try:
                      async with asyncio.timeout(PARTNER_WAIT):
                          await self.started[other].wait()
                  except TimeoutError:
                      pass  # the other call did not start while this one ran
                  if name in self.hang:
                      await asyncio.Event().wait()
                  if name in self.fail:
                      self.state[name] = "raised"
                      raise self.fail[name]
                  self.state[name] = "returned"
                  return self.results[name]
              except asyncio.CancelledError:
                  self.state[name] = "cancelled"
                  raise
              finally:
                  self.in_flight -= 1

      async def get_user(self, user_id):
          return await self.call("get_user", user_id)

      async def get_orders(self, user_id):
          return await self.call("get_orders", user_id)

      def origin(self, error):
          """Which fake raised this very exception object, if one did."""
          return next((name for name, raised in self.fail.items() if raised is error), None)

      def describe(self, error):
          described = {"type": type(error).__name__, "repr": repr(error), "from": self.origin(error)}
          if isinstance(error, BaseExceptionGroup):
              described["members"] = [self.describe(member) for member in error.exceptions]
          return described

      def snapshot(self):
          return {"calls": list(self.calls), "state": dict(self.state), "most": self.most}

  async def attempt(load, backend, timeout=60.0):
      began = clock.now

      async def observed():
          try:
              value = await load(7, get_user=backend.get_user, get_orders=backend.get_orders, timeout=timeout)
          except BaseException as error:
              return {"kind": "raised", **backend.describe(error), **backend.snapshot(), "after": clock.now - began}
          return {
              "kind": "returned",
              "value": value,
              "tuple": isinstance(value, tuple),
              **backend.snapshot(),
              "after": clock.now - began,
          }

      job = asyncio.create_task(observed())
      done, _ = await asyncio.wait([job], timeout=PATIENCE)
      if not done:
          outcome = {"kind": "stuck", **backend.snapshot()}
          job.cancel()
          await asyncio.wait([job])
          return outcome
      return job.result()

  def scenario(load, timeout=60.0, **backend):
      return run(attempt(load, Backend(**backend), timeout))
`;

beforeEach(async () => {
  await py.exec(SETUP);
});

type CallState = 'not called' | 'running' | 'returned' | 'raised' | 'cancelled';

interface Raised {
  type: string;
  repr: string;
  from: string | null;
  members?: Raised[];
}

interface Snapshot {
  calls: [string, number][];
  state: { get_user: CallState; get_orders: CallState };
  most: number;
}

type Attempt = Snapshot &
  (
    | { kind: 'returned'; value: unknown; tuple: boolean; after: number }
    | ({ kind: 'raised'; after: number } & Raised)
    | { kind: 'stuck' }
  );

const USER = { id: 7, name: 'Ada' };
const ORDERS = [{ order: 1 }, { order: 2 }];

function show(attempt: Attempt): string {
  switch (attempt.kind) {
    case 'returned':
      return `it returned ${JSON.stringify(attempt.value)}`;
    case 'raised':
      return `it raised ${attempt.repr}`;
    case 'stuck':
      return `it was still waiting when the suite gave up, 600 s later on its fake clock`;
  }
}

const SAID: Record<CallState, string> = {
  'not called': 'was never called',
  running: 'was still running',
  returned: 'had returned',
  raised: 'had raised',
  cancelled: 'had been cancelled',
};

function states(attempt: Attempt): string {
  const { get_user: user, get_orders: orders } = attempt.state;
  return `get_user ${SAID[user]} and get_orders ${SAID[orders]}`;
}

/** A number of fake seconds, short. */
function seconds(value: number): string {
  return `${Number(value.toPrecision(3))} s`;
}

/** Why a load that should have hit its 0.05 s deadline did not end with a plain TimeoutError, when the attempt shows it. */
function timeoutWhy(seen: Attempt): string {
  if (seen.kind === 'stuck') {
    const running = (['get_user', 'get_orders'] as const).filter((name) => seen.state[name] === 'running');
    return (
      ` ${states(seen)}.` +
      (running.length > 0 ? ` Nothing cancelled ${running.join(' or ')}:` : '') +
      ' the deadline must cover the whole wait. The waiting happens where the TaskGroup block ends, so ' +
      '`async with asyncio.timeout(timeout):` goes around the whole `async with asyncio.TaskGroup()` block ' +
      '(a timeout on one call, or one that ends before the group does, leaves the rest without a deadline).'
    );
  }
  if (seen.kind === 'raised' && (seen.members ?? []).some((member) => member.type === 'TimeoutError'))
    return (
      ' The TimeoutError came out inside an ExceptionGroup, so it was raised inside the group (a timeout ' +
      'around one call, or inside the TaskGroup block), and `except TimeoutError:` in the caller misses it. ' +
      'Put `async with asyncio.timeout(timeout):` around the TaskGroup: when the deadline cancels the group, ' +
      'the caller gets a plain TimeoutError.'
    );
  return '';
}

/** The members of the ExceptionGroup an attempt raised, or undefined when it raised no group. */
function members(attempt: Attempt): Raised[] | undefined {
  return attempt.kind === 'raised' ? attempt.members : undefined;
}

/** One line on a sibling that was left running or never started, when that is what happened. */
function siblingProblem(attempt: Attempt, failed: 'get_user' | 'get_orders'): string {
  const other = failed === 'get_user' ? 'get_orders' : 'get_user';
  const state = attempt.state[other];
  if (state === 'running')
    return (
      ` ${other} was still running when load_dashboard ${attempt.kind === 'raised' ? 'raised' : 'ended'}: nothing ` +
      `cancelled it, so it keeps using the backend for a result nobody reads. asyncio.gather (like Promise.all) ` +
      'and tasks from asyncio.create_task outside a group leave it running; a TaskGroup cancels it and waits for it.'
    );
  if (state === 'not called') return ` ${other} was never called: the two calls ran one after another.`;
  if (attempt.kind === 'raised' && attempt.type === 'TimeoutError' && attempt.state[failed] === 'raised')
    return (
      ` ${failed} had raised, yet load_dashboard waited on until the 60 s deadline: the failure went ` +
      `unnoticed while it awaited ${other}. A TaskGroup notices the first failure at once.`
    );
  return '';
}

test('load_dashboard and load_or_default are async defs', async () => {
  const kinds = await py.value<Record<string, boolean>>(`{
    "load_dashboard": inspect.iscoroutinefunction(ex.load_dashboard),
    "load_or_default": inspect.iscoroutinefunction(ex.load_or_default),
  }`);
  expect(kinds, 'both functions should be defined with `async def`, since the caller awaits them').toEqual({
    load_dashboard: true,
    load_or_default: true,
  });
});

test('load_dashboard returns (user, orders), calling each loader once with the user_id', async () => {
  await py.exec('seen = scenario(ex.load_dashboard)');
  const seen = await py.value<Attempt>('seen');
  expect(seen.kind, `load_dashboard(7, ...) should return (user, orders), but ${show(seen)}`).toBe('returned');
  const value = seen.kind === 'returned' ? seen.value : undefined;
  const swapped = JSON.stringify(value) === JSON.stringify([ORDERS, USER]);
  const tasks = Array.isArray(value) && value.some((item) => item instanceof PyObject && item.type === 'Task');
  expect(
    value,
    `load_dashboard should return (get_user's result, get_orders's result), but ${show(seen)}.` +
      (swapped ? ' The two are swapped: the user comes first, then the orders.' : '') +
      (tasks ? ' Those are the Task objects: once the group is done, each task’s .result() is its value.' : ''),
  ).toEqual([USER, ORDERS]);
  expect(
    seen.kind === 'returned' && seen.tuple,
    `load_dashboard should return a tuple (user, orders), which callers unpack as \`user, orders = ...\`, but ` +
      `it returned a ${await py.value<string>('type(seen["value"]).__name__')}`,
  ).toBe(true);
  expect(
    [...seen.calls].sort(),
    'get_user and get_orders should each be called once, with the user_id given to load_dashboard',
  ).toEqual([
    ['get_orders', 7],
    ['get_user', 7],
  ]);
});

test('get_user and get_orders run at the same time', async () => {
  await py.exec('seen = scenario(ex.load_dashboard)');
  const seen = await py.value<Attempt>('seen');
  await py.recordTimeline('load_dashboard(7): get_user and get_orders, each waiting for the other to start');
  expect(
    seen.most,
    seen.most === 1
      ? 'get_user and get_orders ran one after another (observed max in flight 1): each of them waited ' +
          '(5 s on the fake clock) for the other to start, and the other only started once it had returned. ' +
          'Awaiting one call before starting the next is sequential; create both tasks in the TaskGroup first, ' +
          'then let the end of the `async with` block wait for both.'
      : `both calls should be in flight at once, but at most ${seen.most} were (${states(seen)} at the end)`,
  ).toBe(2);
  expect(seen.kind, `with both calls succeeding, load_dashboard should return, but ${show(seen)}`).toBe('returned');
});

test('when one call fails, load_dashboard cancels the other before it raises', async () => {
  await py.exec(`
    orders_fail = scenario(ex.load_dashboard, fail={"get_orders": ConnectionError("orders service down")}, hang=["get_user"])
    user_fail = scenario(ex.load_dashboard, fail={"get_user": PermissionError("user record locked")}, hang=["get_orders"])
  `);
  const cases: [Attempt, 'get_user' | 'get_orders', string][] = [
    [await py.value<Attempt>('orders_fail'), 'get_orders', "ConnectionError('orders service down')"],
    [await py.value<Attempt>('user_fail'), 'get_user', "PermissionError('user record locked')"],
  ];
  for (const [seen, failed, error] of cases) {
    const other = failed === 'get_user' ? 'get_orders' : 'get_user';
    expect(
      seen.kind,
      `${failed} raised ${error} while ${other} was still waiting: load_dashboard should raise, but ${show(seen)}.` +
        (seen.kind === 'stuck' ? ` ${states(seen)}: nothing cancelled ${other}.` : siblingProblem(seen, failed)),
    ).toBe('raised');
    expect(
      seen.state[other],
      `${failed} raised ${error} while ${other} was still waiting: by the time load_dashboard raised, ${other} ` +
        `should have been cancelled, but it ${SAID[seen.state[other]]}.${siblingProblem(seen, failed)}`,
    ).toBe('cancelled');
  }
});

test('the error reaches the caller inside an ExceptionGroup, which is what a TaskGroup raises', async () => {
  await py.exec(`
    seen = scenario(ex.load_dashboard, fail={"get_orders": ConnectionError("orders service down")}, hang=["get_user"])
  `);
  const seen = await py.value<Attempt>('seen');
  let why = '';
  if (seen.kind === 'raised' && seen.from === 'get_orders')
    why =
      ' It raised the ConnectionError itself, the way Promise.all rejects with the first error (asyncio.gather ' +
      'does the same). A TaskGroup raises an ExceptionGroup holding every error of its tasks, here one; callers ' +
      'catch it with `except* ConnectionError:`. Run the calls in an asyncio.TaskGroup and let its group propagate.';
  else if (seen.kind === 'raised' && seen.type === 'TimeoutError')
    why = ` The deadline (60 s) passed first: ${states(seen)}.${siblingProblem(seen, 'get_orders')}`;
  else if (seen.kind === 'stuck') why = ` ${states(seen)}.`;
  expect(
    members(seen),
    `get_orders raised ConnectionError('orders service down'): load_dashboard should raise an ExceptionGroup ` +
      `holding exactly that exception, but ${show(seen)}.${why}`,
  ).toEqual([{ type: 'ConnectionError', repr: "ConnectionError('orders service down')", from: 'get_orders' }]);
  expect(
    seen.kind === 'raised' ? seen.type : seen.kind,
    'the group raised should be an ExceptionGroup (a BaseExceptionGroup whose errors are all Exceptions)',
  ).toBe('ExceptionGroup');
});

test('on timeout, load_dashboard raises a plain TimeoutError at the deadline, with both calls cancelled', async () => {
  await py.exec(`
    both_hang = scenario(ex.load_dashboard, timeout=0.05, hang=["get_user", "get_orders"])
    orders_hang = scenario(ex.load_dashboard, timeout=0.05, hang=["get_orders"])
  `);
  const cases: [Attempt, string][] = [
    [await py.value<Attempt>('both_hang'), 'both calls never answer'],
    [await py.value<Attempt>('orders_hang'), 'get_user answers at once, get_orders never does'],
  ];
  for (const [seen, story] of cases) {
    expect(
      seen.kind === 'raised' ? seen.type : seen.kind,
      `load_dashboard(timeout=0.05) when ${story}: it should raise TimeoutError, but ${show(seen)}.${timeoutWhy(seen)}`,
    ).toBe('TimeoutError');
    const never = (['get_user', 'get_orders'] as const).filter((name) => seen.state[name] === 'not called');
    expect(
      seen.state,
      `load_dashboard(timeout=0.05) when ${story}: when it raised TimeoutError, ${states(seen)}; every call still ` +
        'waiting should have been cancelled.' +
        (never.length > 0 ? ` ${never.join(' and ')} never started: the calls ran one after another.` : ''),
    ).toEqual({
      get_user: story.startsWith('both') ? 'cancelled' : 'returned',
      get_orders: 'cancelled',
    });
    const after = seen.kind === 'raised' ? seen.after : NaN;
    expect(
      after,
      `load_dashboard(timeout=0.05) when ${story} raised TimeoutError after ${seconds(after)} on the fake clock, ` +
        'not at the deadline of 0.05 s: `timeout` is in seconds, to be passed to asyncio.timeout as it is.',
    ).toBeCloseTo(0.05, 6);
  }
});

test('load_or_default turns missing data (any LookupError from either call) into (None, [])', async () => {
  await py.exec(`
    no_user = scenario(ex.load_or_default, fail={"get_user": KeyError("user 7")}, hang=["get_orders"])
    no_orders = scenario(ex.load_or_default, fail={"get_orders": IndexError("no order page 1")}, hang=["get_user"])
    not_found = scenario(ex.load_or_default, fail={"get_user": UserNotFound("user 7")}, hang=["get_orders"])
  `);
  const cases: [string, Attempt, 'get_user' | 'get_orders'][] = [
    ["get_user raised KeyError('user 7')", await py.value<Attempt>('no_user'), 'get_user'],
    ["get_orders raised IndexError('no order page 1')", await py.value<Attempt>('no_orders'), 'get_orders'],
    ["get_user raised UserNotFound('user 7'), a subclass of LookupError", await py.value<Attempt>('not_found'), 'get_user'],
  ];
  const keyErrorHandled = cases[0]![1].kind === 'returned';
  for (const [story, seen, failed] of cases) {
    let why = '';
    const inGroup = members(seen)?.some((member) => member.from === failed);
    if (inGroup && keyErrorHandled)
      why =
        ' A KeyError was turned into the default, but this error came out inside the ExceptionGroup: handle ' +
        'LookupError, the parent of KeyError, IndexError and other missing-data errors, with `except* LookupError:`.';
    else if (inGroup)
      why =
        ' The error came out inside the ExceptionGroup from the TaskGroup, and nothing handled it there: a plain ' +
        '`except LookupError:` does not match a group (the group is not a LookupError). `except* LookupError:` ' +
        'looks inside the group.';
    else if (seen.kind === 'raised' && seen.from === failed)
      why = ' The error itself escaped: catch LookupError, the parent of KeyError and IndexError, not only one of them.';
    else if (seen.kind === 'returned' && JSON.stringify(seen.value) === JSON.stringify([null, null]))
      why = ' The orders of a missing user are an empty list: return (None, []).';
    expect(
      seen.kind === 'returned' ? seen.value : show(seen),
      `load_or_default when ${story}: it should return (None, []), but ${show(seen)}.${why}`,
    ).toEqual([null, []]);
    const other = failed === 'get_user' ? 'get_orders' : 'get_user';
    expect(
      seen.state[other],
      `load_or_default when ${story}: ${other} should have been cancelled before the default came back, but it ` +
        `${SAID[seen.state[other]]}.${siblingProblem(seen, failed)}`,
    ).toBe('cancelled');
  }
});

test('load_or_default lets any other error through, as the ExceptionGroup that except* leaves', async () => {
  await py.exec(`
    seen = scenario(ex.load_or_default, fail={"get_orders": ConnectionError("orders service down")}, hang=["get_user"])
    dashboard = scenario(ex.load_dashboard, fail={"get_orders": ConnectionError("orders service down")}, hang=["get_user"])
  `);
  const seen = await py.value<Attempt>('seen');
  const dashboardUnwrapped = await py.value<boolean>('dashboard["kind"] == "raised" and dashboard["from"] == "get_orders"');
  let why = '';
  if (seen.kind === 'returned')
    why =
      ' A ConnectionError is not missing data: the service is down, and hiding it behind a default makes the ' +
      'outage look like an empty account. Handle LookupError only (`except* LookupError:`, not ' +
      '`except* Exception:`).';
  else if (seen.kind === 'raised' && seen.from === 'get_orders' && dashboardUnwrapped)
    why =
      ' It raised the ConnectionError itself, and so does load_dashboard in the same case: make load_dashboard ' +
      'raise the ExceptionGroup of its TaskGroup first (see the test on ExceptionGroup).';
  else if (seen.kind === 'raised' && seen.from === 'get_orders')
    why =
      ' It raised the ConnectionError itself, though load_dashboard raises it in a group. `except* LookupError:` ' +
      're-raises what it does not handle still inside an ExceptionGroup, and callers of a TaskGroup expect one: ' +
      'do not unwrap it.';
  else why = ` ${states(seen)}.${siblingProblem(seen, 'get_orders')}`;
  expect(
    members(seen),
    `load_or_default when get_orders raised ConnectionError('orders service down'): it should raise an ` +
      `ExceptionGroup holding exactly that ConnectionError, but ${show(seen)}.${why}`,
  ).toEqual([{ type: 'ConnectionError', repr: "ConnectionError('orders service down')", from: 'get_orders' }]);
  expect(seen.state.get_user, `get_user should have been cancelled when get_orders failed, but it ${SAID[seen.state.get_user]}`).toBe(
    'cancelled',
  );
});

test('load_or_default: when missing data and another error come together, only the other error propagates', async () => {
  await py.exec(`
    both = {"get_user": KeyError("user 7"), "get_orders": ConnectionError("orders service down")}
    seen = scenario(ex.load_or_default, fail=both)
    dashboard = scenario(ex.load_dashboard, fail=both)
  `);
  const seen = await py.value<Attempt>('seen');
  const dashboardUnwrapped = await py.value<boolean>('dashboard["kind"] == "raised" and dashboard["from"] is not None');
  const group = members(seen);
  let why = '';
  if (seen.state.get_orders === 'not called' || seen.state.get_user === 'not called')
    why = ` ${states(seen)}: the calls ran one after another, so the second error never happened.`;
  else if (seen.kind === 'returned')
    why =
      ' Returning the default hid the ConnectionError. It looks as if any LookupError in the group was taken ' +
      'to mean "missing data" for the whole group; `except* LookupError:` handles the LookupErrors only and ' +
      're-raises the rest.';
  else if (group?.some((member) => member.from === 'get_user'))
    why = ' The KeyError is still in the group: the LookupErrors should have been handled, leaving only the rest.';
  else if (seen.kind === 'raised' && seen.from !== null)
    why =
      ` It raised the ${seen.type} itself, not a group` +
      (dashboardUnwrapped
        ? ', and so does load_dashboard in the same case: make load_dashboard raise the ExceptionGroup of its ' +
          'TaskGroup first (see the test on ExceptionGroup).'
        : ': what `except* LookupError:` leaves is an ExceptionGroup of the errors it did not handle.');
  else if (seen.kind === 'raised' || seen.kind === 'stuck') why = ` ${states(seen)}.`;
  expect(
    group,
    'get_user raised KeyError and get_orders raised ConnectionError, both before either could be cancelled: ' +
      `load_or_default should raise an ExceptionGroup holding only the ConnectionError, but ${show(seen)}.${why}`,
  ).toEqual([{ type: 'ConnectionError', repr: "ConnectionError('orders service down')", from: 'get_orders' }]);
});

test('load_or_default: a timeout is not missing data, so TimeoutError propagates', async () => {
  await py.exec(`
    seen = scenario(ex.load_or_default, timeout=0.05, hang=["get_user", "get_orders"])
  `);
  const seen = await py.value<Attempt>('seen');
  expect(
    seen.kind === 'raised' ? seen.type : seen.kind,
    `load_or_default(timeout=0.05) with both calls never answering should raise TimeoutError, but ${show(seen)}.` +
      (seen.kind === 'returned'
        ? ' The timeout was treated as missing data: TimeoutError is not a LookupError, so `except* LookupError:` ' +
          'lets it through (`except* Exception:` would swallow it).'
        : timeoutWhy(seen)),
  ).toBe('TimeoutError');
});

test('load_or_default returns (user, orders) when nothing fails', async () => {
  await py.exec('seen = scenario(ex.load_or_default)');
  const seen = await py.value<Attempt>('seen');
  expect(
    seen.kind === 'returned' ? seen.value : show(seen),
    `load_or_default(7, ...) with both calls answering should return (user, orders), but ${show(seen)}`,
  ).toEqual([USER, ORDERS]);
});
