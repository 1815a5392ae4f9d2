import { beforeEach, expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

// The fake clock records every time.sleep instead of waiting, and perf_counter,
// monotonic and time all read it; `clock.advance(s)` is time spent working.
const py = useExercise(import.meta.url, { fakeTime: true });

// Helpers, fresh for every test:
// - `events` is one log for everything: resources write "enter X" / "exit X",
//   steps made by `make_step` write "<name> #<attempt>".
// - `Resource(label, fail_on_exit=None)` is a context manager whose __enter__
//   returns `HANDLES[label]`, an object that is not the resource itself.
// - `make_step(toolkit, name, *outcomes, takes=0.0, **config)` defines a
//   function called `name` whose calls return (or raise, for exceptions) the
//   next outcome, each attempt taking `takes` seconds of fake time, and
//   decorates it with `toolkit.step(**config)`. It returns (wrapper, script):
//   `script.calls` holds each call's arguments, `script.raised` what it raised.
// - `outcome(fn, *args, **kwargs)`: fn's result, or "raised <Type>: <message>".
// - `rows(toolkit)`: the report as [name, attempts, ms rounded to 3 places, ok].
// - `since(mark)`: the sleeps after `mark = len(clock.sleeps)`.
// Durations are powers of two where ms is checked, so the float arithmetic is exact.
beforeEach(async () => {
  await py.exec(`
    import math
    import time

    events = []
    HANDLES = {}

    class Resource:
        def __init__(self, label, fail_on_exit=None):
            self.label = label
            self.fail_on_exit = fail_on_exit
            HANDLES[label] = object()

        def __enter__(self):
            events.append(f"enter {self.label}")
            return HANDLES[self.label]

        def __exit__(self, exc_type, exc, tb):
            events.append(f"exit {self.label}")
            if self.fail_on_exit is not None:
                raise self.fail_on_exit
            return False

    class Script:
        def __init__(self, name, outcomes, takes):
            self.name = name
            self.outcomes = list(outcomes)
            self.takes = takes
            self.calls = []
            self.raised = []

        def __call__(self, *args, **kwargs):
            self.calls.append([list(args), kwargs])
            events.append(f"{self.name} #{len(self.calls)}")
            clock.advance(self.takes)
            if not self.outcomes:
                raise RuntimeError(f"the test expected fewer attempts, but {self.name} was called {len(self.calls)} times")
            result = self.outcomes.pop(0)
            if isinstance(result, BaseException):
                self.raised.append(result)
                raise result
            return result

    registered_by_suite = {}  # id(toolkit) -> (toolkit, names this test registered there)

    def make_step(toolkit, name, *outcomes, takes=0.0, **config):
        script = Script(name, outcomes, takes)

        def step(*args, **kwargs):
            return script(*args, **kwargs)

        step.__name__ = step.__qualname__ = name
        step.__doc__ = f"The {name} step."
        names = registered_by_suite.setdefault(id(toolkit), (toolkit, set()))[1]
        try:
            wrapped = toolkit.step(**config)(step)
        except ValueError as exc:
            if name in names or config_outcome(**config)[0] != "accepted":
                raise
            raise RuntimeError(
                f"decorating a step named {name!r} raised ValueError ({exc}), but this test made a new Toolkit and "
                f"registered no {name!r} in it: a step registered in another Toolkit is visible here, so every Toolkit "
                "shares one registry (a dict in the class body, like a TS static field). Create it in __init__, on self."
            ) from None
        names.add(name)
        return wrapped, script

    def outcome(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            return f"raised {type(exc).__name__}: {exc}"

    def rows(toolkit):
        def ms(run):
            value = getattr(run, "ms", None)
            return round(value, 3) if isinstance(value, (int, float)) else repr(value)
        return [[getattr(r, "name", None), getattr(r, "attempts", None), ms(r), getattr(r, "ok", None)]
                for r in toolkit.report]

    def since(mark):
        return [round(s, 9) for s in clock.sleeps[mark:]]

    probes_made = [0]

    def report_diagnosis():
        """Why a report may be wrong, found by probing brand-new toolkits; "" when nothing stands out."""

        def probe_step(toolkit, result):
            probes_made[0] += 1

            def probe():
                if isinstance(result, BaseException):
                    raise result
                return result

            probe.__name__ = probe.__qualname__ = f"report_probe_{probes_made[0]}"
            return toolkit.step()(probe), probe.__name__

        try:
            first = ex.Toolkit()
            probe_step(first, "ok")[0]()
            if len(ex.Toolkit().report) > 0:
                return ("A brand-new Toolkit already has entries in its report: every Toolkit shares one report "
                        "(a list in the class body, like a TS static field). Create it in __init__, on self.")
            direct = len(first.report)
            failing = ex.Toolkit()
            try:
                probe_step(failing, ValueError("probe"))[0]()
            except ValueError:
                pass
            failed = len(failing.report)
            through_session = None
            via = ex.Toolkit()
            name = probe_step(via, "ok")[1]
            try:
                with via.session() as session:
                    session.run(name)
                through_session = len(via.report)
            except Exception:
                pass
        except Exception:
            return ""
        if direct == 0 and through_session == 1:
            return ("A direct call of a step left no report entry, but a session.run did: record in the step's wrapper, "
                    "so that a direct call and session.run are the same run.")
        if direct == 1 and failed == 0:
            return ("A step that returned was reported, one that raised was not: append the StepRun in a finally clause, "
                    "which runs however the call ended.")
        return ""

    def config_outcome(**config):
        try:
            ex.StepConfig(**config)
        except Exception as exc:
            return [type(exc).__name__, str(exc)]
        return ["accepted", ""]
  `);
});

type Row = [string, number, number, boolean];

function show(value: unknown): string {
  return JSON.stringify(value);
}

/** A report for a message: the first entries and how many more, so a runaway report stays readable. */
function showRows(rows: Row[]): string {
  const shown = rows.slice(0, 5).map((row) => JSON.stringify(row));
  if (rows.length > 5) shown.push(`... and ${rows.length - 5} more`);
  return `[${shown.join(', ')}]`;
}

/**
 * Compare a report (from `rows(...)`) with what it should be. On a mismatch, the
 * message ends with what probing fresh toolkits revealed (a shared report, direct
 * calls not recorded, failed runs not recorded), or else with `why`.
 */
async function expectReport(actual: Row[], expected: Row[], message: string, why = ''): Promise<void> {
  const diagnosis = show(actual) === show(expected) ? '' : await py.value<string>('report_diagnosis()');
  expect(actual, `${message}${diagnosis ? ` ${diagnosis}` : why}`).toEqual(expected);
}

// ---- the descriptor: StepConfig ----------------------------------------------

test('StepConfig keeps retries and backoff in data descriptors on the class', async () => {
  const seen = await py.value<Record<string, unknown>>(`
    (lambda d: {
        "retries_is_data_descriptor": hasattr(type(d.get("retries")), "__set__"),
        "backoff_is_data_descriptor": hasattr(type(d.get("backoff")), "__set__"),
        "what": repr(d.get("retries")),
    })(vars(ex.StepConfig))
  `);
  expect(
    seen.retries_is_data_descriptor && seen.backoff_is_data_descriptor,
    `StepConfig.__dict__["retries"] should be a Bounded descriptor (an object with __get__ and __set__), ` +
      `but it is ${String(seen.what)}. Keep \`retries = Bounded(int, min=0, max=10)\` and ` +
      '`backoff = Bounded(float, min=0.0, max=60.0)` in the class body: the validation lives in Bounded.__set__.',
  ).toBe(true);
  const classAccess = await py.value<string>(`
    (lambda: "the descriptor" if ex.StepConfig.retries is vars(ex.StepConfig)["retries"] else repr(ex.StepConfig.retries))()
  `).catch((error: Error) => `an error: ${error.message.split('\n')[0]}`);
  expect(
    classAccess,
    `StepConfig.retries (read on the class, where __get__ receives instance=None) should return the descriptor itself, ` +
      `but gave ${classAccess}. In __get__, return self when instance is None.`,
  ).toBe('the descriptor');
});

test('StepConfig reads back the values it was given, bounds included, and has defaults retries=0, backoff=0.1', async () => {
  const seen = await py.value<unknown[]>(`
    [
        [(c := ex.StepConfig(retries=10, backoff=60)).retries, c.backoff],
        [(c := ex.StepConfig(retries=0, backoff=0)).retries, c.backoff],
        [(c := ex.StepConfig(retries=3, backoff=2.5)).retries, c.backoff],
        [(c := ex.StepConfig()).retries, c.backoff],
    ]
  `).catch((error: Error) => `an error: ${error.message.split('\n')[0]}`);
  expect(
    seen,
    'StepConfig(retries=10, backoff=60), (retries=0, backoff=0), (retries=3, backoff=2.5) and StepConfig() should read back ' +
      `[10, 60], [0, 0], [3, 2.5] and the defaults [0, 0.1], but gave ${show(seen)}. The bounds are inclusive ` +
      '(min <= value <= max), an int is accepted for backoff, and __get__ returns what __set__ stored for that instance.',
  ).toEqual([
    [10, 60],
    [0, 0],
    [3, 2.5],
    [0, 0.1],
  ]);
});

test('two StepConfigs never share a value (each is stored on its own instance)', async () => {
  const seen = await py.value<{ first: unknown[]; second: unknown[]; own: string[] }>(`
    (lambda a, b: {"first": [a.retries, a.backoff], "second": [b.retries, b.backoff], "own": sorted(vars(a))})(
        ex.StepConfig(retries=3, backoff=0.5), ex.StepConfig(retries=7, backoff=2))
  `).catch((error: Error) => ({ first: [`an error: ${error.message.split('\n')[0]}`], second: [], own: [] }));
  expect(
    seen.first,
    `a = StepConfig(retries=3, backoff=0.5), then b = StepConfig(retries=7, backoff=2): a should still read [3, 0.5], ` +
      `but reads ${show(seen.first)}. ` +
      (show(seen.first) === show([7, 2])
        ? `a now shows b's values, and a's own __dict__ holds ${show(seen.own)}: the values live on the descriptor, ` +
          'which is one object for the whole class. Store each value in instance.__dict__ under the field name.'
        : ''),
  ).toEqual([3, 0.5]);
  expect(seen.second, 'b = StepConfig(retries=7, backoff=2) should read [7, 2]').toEqual([7, 2]);
});

test('out-of-range values raise ValueError naming the field and its bounds, NaN included', async () => {
  const cases: [string, string, RegExp[]][] = [
    ['retries=-1', 'retries', [/\b0\b/, /\b10\b/]],
    ['retries=11', 'retries', [/\b0\b/, /\b10\b/]],
    ['backoff=-0.5', 'backoff', [/\b0(\.0)?\b/, /\b60(\.0)?\b/]],
    ['backoff=60.5', 'backoff', [/\b0(\.0)?\b/, /\b60(\.0)?\b/]],
    ['backoff=math.inf', 'backoff', [/\b0(\.0)?\b/, /\b60(\.0)?\b/]],
    ['backoff=math.nan', 'backoff', [/\b0(\.0)?\b/, /\b60(\.0)?\b/]],
  ];
  for (const [config, field, bounds] of cases) {
    const [type, message] = await py.value<[string, string]>(`config_outcome(${config})`);
    let why = '';
    if (type === 'accepted' && config.includes('nan'))
      why =
        ' NaN compares False with everything, so a check written as `value < min or value > max` never fires for it; ' +
        '`not (min <= value <= max)` rejects it.';
    else if (type === 'accepted') why = ' Check min <= value <= max in Bounded.__set__, which runs for every assignment.';
    expect(type, `StepConfig(${config}) should raise ValueError, but ${type === 'accepted' ? 'it was accepted' : `raised ${type}: ${message}`}.${why}`).toBe(
      'ValueError',
    );
    expect(
      message.includes(field) && bounds.every((bound) => bound.test(message)),
      `the ValueError for StepConfig(${config}) should name the field (${field}) and its bounds, but says: "${message}". ` +
        'Use the name __set_name__ gave the descriptor, and its min and max.',
    ).toBe(true);
  }
});

test('wrong types raise TypeError naming the field and its bounds, and a bool is not a number here', async () => {
  const retriesBounds = [/\b0\b/, /\b10\b/];
  const backoffBounds = [/\b0(\.0)?\b/, /\b60(\.0)?\b/];
  const cases: [string, string, RegExp[]][] = [
    ['retries="3"', 'retries', retriesBounds],
    ['retries=2.0', 'retries', retriesBounds],
    ['retries=None', 'retries', retriesBounds],
    ['retries=True', 'retries', retriesBounds],
    ['backoff="0.5"', 'backoff', backoffBounds],
    ['backoff=None', 'backoff', backoffBounds],
    ['backoff=True', 'backoff', backoffBounds],
  ];
  const plainRejected = (await py.value<[string, string]>('config_outcome(retries="3")'))[0] === 'TypeError';
  for (const [config, field, bounds] of cases) {
    const [type, message] = await py.value<[string, string]>(`config_outcome(${config})`);
    let why = '';
    if (config.includes('True') && type !== 'TypeError' && plainRejected)
      why =
        ' Your check rejects a str, so the bool got through because bool is a subclass of int: isinstance(True, int) is True. ' +
        'Test for bool first.';
    else if (type !== 'TypeError') why = ' Check the type in Bounded.__set__ before comparing with the bounds.';
    expect(
      type,
      `StepConfig(${config}) should raise TypeError, but ${type === 'accepted' ? 'it was accepted' : `raised ${type}: ${message}`}.${why}`,
    ).toBe('TypeError');
    expect(
      message.includes(field) && bounds.every((bound) => bound.test(message)),
      `the TypeError for StepConfig(${config}) should name the field (${field}) and its bounds, so the reader knows ` +
        `what to write instead, but says: "${message}"`,
    ).toBe(true);
  }
});

test('assigning to a StepConfig field is validated too, and a rejected value leaves the old one', async () => {
  await py.exec(`
    config = ex.StepConfig(retries=2, backoff=1)
    try:
        config.retries = 11
        assigned = "accepted"
    except Exception as exc:
        assigned = type(exc).__name__
    kept = [config.retries, config.backoff]
  `);
  const assigned = await py.value<string>('assigned');
  expect(
    assigned,
    `config.retries = 11 on an existing StepConfig should raise ValueError, but ${assigned === 'accepted' ? 'it was accepted' : `raised ${assigned}`}. ` +
      'A data descriptor checks every assignment, not only the ones in __init__.',
  ).toBe('ValueError');
  expect(await py.value('kept'), 'after the rejected assignment the config should still read [2, 1]').toEqual([2, 1]);
});

// ---- the decorator: registration, retry, timing ----------------------------

test('toolkit.step checks its configuration at the @ line, and a rejected step is not registered', async () => {
  await py.exec(`
    def decorate_fresh(**config):
        """Decorate a probe in a new Toolkit: [what decorating did, whether the probe got registered]."""
        toolkit = ex.Toolkit()
        probes_made[0] += 1
        name = f"config_probe_{probes_made[0]}"

        def probe():
            return "probe ran"

        probe.__name__ = probe.__qualname__ = name
        try:
            wrapped = toolkit.step(**config)(probe)
        except Exception as exc:
            decorated = type(exc).__name__
        else:
            try:
                wrapped()
                decorated = "decorated"
            except Exception as exc:
                decorated = f"decorated; calling it raised {type(exc).__name__}"
        try:
            with toolkit.session() as session:
                try:
                    session.run(name)
                    registered = "registered"
                except LookupError:
                    registered = "not registered"
        except Exception as exc:
            registered = f"unknown (the session raised {type(exc).__name__}: {exc})"
        return [decorated, registered]

    configs = {"retries=11": dict(retries=11), "backoff=-1": dict(backoff=-1),
               'retries="2"': dict(retries="2"), "backoff=True": dict(backoff=True)}
    results = {label: decorate_fresh(**config) for label, config in configs.items()}
    by_config = {label: config_outcome(**config)[0] for label, config in configs.items()}
  `);
  const results = await py.value<Record<string, [string, string]>>('results');
  const byConfig = await py.value<Record<string, string>>('by_config');
  const expected: Record<string, string> = {
    'retries=11': 'ValueError',
    'backoff=-1': 'ValueError',
    'retries="2"': 'TypeError',
    'backoff=True': 'TypeError',
  };
  for (const [label, want] of Object.entries(expected)) {
    const [decorated, registered] = results[label]!;
    let why: string;
    if (decorated.startsWith('decorated; calling it raised'))
      why =
        ' The error came only when the step was called: build the StepConfig in toolkit.step(...) itself (or in the ' +
        'decorator), so a bad value fails at import time, not on the first call in production.';
    else if (decorated === 'decorated' && byConfig[label] === 'accepted')
      why = ` StepConfig(${label}) itself accepts it: fix Bounded.__set__ first (see the tests of StepConfig above).`;
    else if (decorated === 'decorated') why = ' Build a StepConfig from retries and backoff inside toolkit.step(...): its descriptors raise for you.';
    else why = ` StepConfig(${label}) raises ${byConfig[label]}; toolkit.step should let that error out as it is.`;
    expect(decorated, `@toolkit.step(${label}) should raise ${want} when decorating, but gave: ${decorated}.${why}`).toBe(want);
    expect(
      registered,
      `after @toolkit.step(${label}) was rejected, the function should not be a step (session.run raises UnknownStep), ` +
        `but it is ${registered}.` +
        (registered === 'registered' ? ' Validate before registering, so a rejected step leaves nothing behind.' : ''),
    ).toBe('not registered');
  }
});

test('a step that succeeds runs once, passes its arguments through and returns the result, without sleeping', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    marker = object()
    fetch, script = make_step(toolkit, "fetch", marker, retries=3, backoff=1)
    mark = len(clock.sleeps)
    same = fetch(1, 2, colour="red") is marker
  `);
  expect(await py.value('same'), 'the step should return exactly what the function returned').toBe(true);
  expect(await py.value('script.calls'), 'one call, with the arguments the step was given').toEqual([[[1, 2], { colour: 'red' }]]);
  expect(await py.value('since(mark)'), 'nothing failed, so nothing should sleep').toEqual([]);
});

test('retries=2 means up to 3 attempts, and the last error propagates unchanged', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    fetch, script = make_step(toolkit, "fetch", *(ConnectionError(f"attempt {n}") for n in range(1, 5)), retries=2, backoff=0.5)
    try:
        returned = fetch()
        final = None
    except Exception as exc:
        returned = None
        final = exc
    attempts = len(script.calls)
    summary = None if final is None else f"{type(final).__name__}: {final}"
  `);
  const attempts = await py.value<number>('attempts');
  expect(
    attempts,
    `a step with retries=2 that always fails should be attempted 3 times (the first attempt plus 2 retries), but was ` +
      `attempted ${attempts} times.` +
      (attempts === 2 ? ' retries counts the tries *after* the first one: retries=N allows N + 1 attempts.' : ''),
  ).toBe(3);
  const summary = await py.value<string | null>('summary');
  expect(
    summary,
    `when every attempt fails, the error of the last attempt should reach the caller, but ` +
      (summary === null ? `the call returned ${await py.value('repr(returned)')} instead of raising.` : `the caller got ${summary}.`),
  ).toBe('ConnectionError: attempt 3');
  expect(
    await py.value('final is script.raised[-1]'),
    'the caller should get the very exception object the last attempt raised (a bare `raise`), not a new one',
  ).toBe(true);
});

test('backoff doubles after each failed attempt (backoff * 2**n), with no sleep after the last one', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    doomed, _ = make_step(toolkit, "doomed", *(TimeoutError(f"try {n}") for n in range(1, 5)), retries=3, backoff=0.25)
    mark = len(clock.sleeps)
    outcome(doomed)
    doomed_sleeps = since(mark)

    recovers, script = make_step(toolkit, "recovers", OSError("a"), OSError("b"), "done", retries=5, backoff=0.25)
    mark = len(clock.sleeps)
    recovered = outcome(recovers)
    recovers_sleeps = since(mark)
  `);
  const doomed = await py.value<number[]>('doomed_sleeps');
  let why = '';
  if (doomed.length === 4) why = ' There is a fourth sleep: the wrapper slept after the last attempt too, which only delays the error.';
  else if (doomed.length === 3 && doomed.every((s) => s === doomed[0]))
    why = ' The waits are all the same: the backoff is exponential, backoff * 2**n after failed attempt n (0, 1, 2, ...).';
  expect(
    doomed,
    `retries=3, backoff=0.25, every attempt failing: the waits between the 4 attempts should be [0.25, 0.5, 1], ` +
      `but they were ${show(doomed)}.${why}`,
  ).toEqual([0.25, 0.5, 1]);
  expect(
    [await py.value('recovered'), await py.value<number[]>('recovers_sleeps')],
    'retries=5, backoff=0.25, failing twice then returning "done": the step should return "done" after waits of [0.25, 0.5]',
  ).toEqual(['done', [0.25, 0.5]]);
});

test('the defaults are retries=0 (one attempt, no sleep) and backoff=0.1', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    once, once_script = make_step(toolkit, "once", ValueError("no"), "never")
    mark = len(clock.sleeps)
    once_result = outcome(once)
    once_sleeps = since(mark)

    twice, _ = make_step(toolkit, "twice", OSError("a"), OSError("b"), "done", retries=2)
    mark = len(clock.sleeps)
    twice_result = outcome(twice)
    twice_sleeps = since(mark)
  `);
  const seen = await py.value<unknown[]>('[once_result, len(once_script.calls), once_sleeps]');
  expect(
    seen,
    `@toolkit.step() on a failing function should try once, not sleep, and let the error out; it gave ${show(seen)} ` +
      '(result, attempts, sleeps)',
  ).toEqual(['raised ValueError: no', 1, []]);
  expect(
    [await py.value('twice_result'), await py.value('twice_sleeps')],
    '@toolkit.step(retries=2) uses the default backoff of 0.1: waits of 0.1 then 0.2 seconds, then "done"',
  ).toEqual(['done', [0.1, 0.2]]);
});

test('only Exception is retried: KeyboardInterrupt stops at once, and the run is still reported', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    work, script = make_step(toolkit, "work", KeyboardInterrupt(), "should not run", retries=3, backoff=1)
    mark = len(clock.sleeps)
    try:
        work()
        interrupted = "returned"
    except KeyboardInterrupt:
        interrupted = "KeyboardInterrupt"
    except Exception as exc:
        interrupted = type(exc).__name__
    attempts = len(script.calls)
    slept = since(mark)
  `);
  const attempts = await py.value<number>('attempts');
  expect(
    [await py.value('interrupted'), attempts, await py.value('slept')],
    `a KeyboardInterrupt (Ctrl-C, a BaseException but not an Exception) should propagate after 1 attempt with no sleep, ` +
      `but the step made ${attempts} attempt(s). ` +
      (attempts > 1 ? 'The wrapper caught it: catch `Exception`, never `BaseException` or a bare `except:`.' : ''),
  ).toEqual(['KeyboardInterrupt', 1, []]);
  const reported = await py.value<Row[]>('rows(toolkit)');
  await expectReport(
    reported,
    [['work', 1, 0, false]],
    `the interrupted run should still be in the report as ["work", 1, 0, false], but the report holds ${showRows(reported)}.`,
    reported.length === 0 ? ' Append the StepRun in a `finally`, which runs however the call ended, Ctrl-C included.' : '',
  );
});

test('each call of a step counts its attempts afresh', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    twice, _ = make_step(toolkit, "twice", TimeoutError("slow"), "first", TimeoutError("slow"), "second", retries=1, backoff=0.5)
    results = [outcome(twice), outcome(twice)]
  `);
  const results = await py.value<unknown[]>('results');
  expect(
    results,
    `both calls fail once and then succeed, and retries=1 gives each call 2 attempts, but the calls gave ${show(results)}.` +
      (results[0] === 'first'
        ? ' The first call worked and the second did not: count attempts in a local of the wrapper, not in state shared between calls.'
        : ''),
  ).toEqual(['first', 'second']);
});

test('the step keeps the function’s name, docstring and signature (functools.wraps), and can be called directly', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()

    def upload(path: str, *, force: bool = False) -> str:
        """Upload one file."""
        return f"uploaded {path} force={force}"

    uploaded = toolkit.step(retries=1)(upload)
  `);
  const problems = await py.metadataProblems('upload', 'uploaded');
  expect(problems, `the step lost the function's metadata: ${problems.join('; ')}. Use @functools.wraps(fn) on the wrapper.`).toEqual([]);
  expect(await py.value('uploaded("a.txt", force=True)'), 'calling the step directly runs the function').toBe(
    'uploaded a.txt force=True',
  );
});

test('a step is registered under its function name; the same name twice in one toolkit is a ValueError', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()

    @toolkit.step()
    def greet(who):
        return f"hello {who}"

    try:
        @toolkit.step()
        def greet(who):
            return f"bye {who}"
        duplicate = "accepted"
    except Exception as exc:
        duplicate = type(exc).__name__

    def build_nested():
        @toolkit.step()
        def nested_step():
            return "nested ran"

        return nested_step

    build_nested()
    with toolkit.session() as session:
        greeting = session.run("greet", "Ada")
        try:
            nested = session.run("nested_step")
        except Exception as exc:
            nested = f"raised {type(exc).__name__}: {exc}"
  `);
  expect(
    await py.value('duplicate'),
    'a second step named "greet" in the same toolkit should raise ValueError when it is decorated: two steps under one ' +
      'name would make session.run ambiguous',
  ).toBe('ValueError');
  expect(
    await py.value('greeting'),
    'session.run("greet", "Ada") should run the step registered first under that name',
  ).toBe('hello Ada');
  const nested = await py.value<string>('nested');
  expect(
    nested,
    `a step defined inside another function, def nested_step(), should be run by session.run("nested_step"), but that gave ${show(nested)}. ` +
      'Register it under fn.__name__ (its __qualname__ is "build_nested.<locals>.nested_step").',
  ).toBe('nested ran');
});

test('ms is how long the call took by time.perf_counter: 0.25 s of work is 250 ms, 0.0625 s is 62.5 ms', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    slow, _ = make_step(toolkit, "slow", "ok", takes=0.25)
    quick, _ = make_step(toolkit, "quick", "ok", takes=0.0625)
    instant, _ = make_step(toolkit, "instant", "ok")
    slow(); quick(); instant()
  `);
  const reported = await py.value<Row[]>('rows(toolkit)');
  const slowMs = reported[0]?.[2];
  let why = '';
  if (slowMs === 0.25) why = ' 0.25 is the duration in seconds: ms is milliseconds, so multiply by 1000.';
  else if (slowMs === 250 && Number.isInteger(reported[1]?.[2])) why = ` 62.5 became ${reported[1]?.[2]}: keep ms a float, do not round it.`;
  else if (slowMs === 0 || slowMs === 0.0) why = ' The duration did not follow the clock: time the call with time.perf_counter() before and after.';
  await expectReport(
    reported,
    [
      ['slow', 1, 250, true],
      ['quick', 1, 62.5, true],
      ['instant', 1, 0, true],
    ],
    `three steps that take 0.25 s, 0.0625 s and no time should be reported with ms 250, 62.5 and 0, but the report ` +
      `holds ${showRows(reported)}.`,
    why,
  );
});

test('ms covers the whole call: every attempt and the waits between them, in one report entry', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    fetch, _ = make_step(toolkit, "fetch", OSError("a"), OSError("b"), "ok", takes=0.125, retries=2, backoff=0.5)
    fetch()
  `);
  const reported = await py.value<Row[]>('rows(toolkit)');
  let why = '';
  if (reported.length === 3) why = ' There is one entry per attempt: record once per call, around the whole retry loop.';
  else if (reported[0]?.[2] === 125) why = ' 125 ms is the last attempt alone: start the timer before the first attempt.';
  else if (reported[0]?.[2] === 375) why = ' 375 ms is the attempts without the waits: the caller waited for the sleeps too.';
  await expectReport(
    reported,
    [['fetch', 3, 1875, true]],
    'a step with retries=2, backoff=0.5 whose attempts take 0.125 s each and succeed on the third should make one entry ' +
      `["fetch", 3, 1875, true] (3 x 125 ms of work + 500 + 1000 ms of waiting), but the report holds ${showRows(reported)}.`,
    why,
  );
});

test('ms comes from a monotonic clock: a wall-clock correction during the step changes nothing', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    wall_offset = [0.0]

    def wall_time():
        return clock.now + wall_offset[0]

    def wall_time_ns():
        return int(wall_time() * 1e9)

    @toolkit.step()
    def sync():
        clock.advance(0.25)
        wall_offset[0] -= 3600  # NTP sets the system clock back an hour

    originals = {"time": time.time, "time_ns": time.time_ns}
    copies = {name: value for name, value in vars(ex).items()
              if value is originals["time"] or value is originals["time_ns"]}
    time.time, time.time_ns = wall_time, wall_time_ns
    for name, value in copies.items():
        setattr(ex, name, wall_time if value is originals["time"] else wall_time_ns)
    try:
        sync()
    finally:
        time.time, time.time_ns = originals["time"], originals["time_ns"]
        for name, value in copies.items():
            setattr(ex, name, value)
  `);
  const reported = await py.value<Row[]>('rows(toolkit)');
  const ms = reported[0]?.[2];
  await expectReport(
    reported,
    [['sync', 1, 250, true]],
    `a step that works for 0.25 s while the system clock is set back an hour should report ["sync", 1, 250, true], ` +
      `but the report holds ${showRows(reported)}.`,
    ms === 250 - 3_600_000
      ? ' That is the wall clock: time.time() follows the system clock, which jumps when it is corrected. Measure durations with time.perf_counter().'
      : ' Measure the call with time.perf_counter() before and after.',
  );
});

// ---- the report -------------------------------------------------------------

test('every call is reported in order as a StepRun(name, attempts, ms, ok), failed runs and direct calls included', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    ping, _ = make_step(toolkit, "ping", "pong", "pong")
    flop, _ = make_step(toolkit, "flop", ValueError("x"), ValueError("y"), retries=1, backoff=0.5)
    ping(); outcome(flop); ping()
    all_step_runs = all(type(run) is ex.StepRun for run in toolkit.report)
  `);
  const reported = await py.value<Row[]>('rows(toolkit)');
  await expectReport(
    reported,
    [
      ['ping', 1, 0, true],
      ['flop', 2, 500, false],
      ['ping', 1, 0, true],
    ],
    'calling ping, then flop (retries=1, backoff=0.5, always failing), then ping should report ' +
      `[["ping", 1, 0, true], ["flop", 2, 500, false], ["ping", 1, 0, true]], but the report holds ${showRows(reported)}.`,
  );
  expect(await py.value('all_step_runs'), 'each report entry should be a StepRun (the frozen dataclass given in the module)').toBe(
    true,
  );
});

test('a run through session.run makes exactly one report entry', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    fetch, _ = make_step(toolkit, "fetch", OSError("a"), "ok", retries=1, backoff=0.25)
    with toolkit.session() as session:
        result = outcome(session.run, "fetch")
  `);
  const reported = await py.value<Row[]>('rows(toolkit)');
  await expectReport(
    reported,
    [['fetch', 2, 250, true]],
    `one session.run of a step that succeeds on its second attempt (it returned ${show(await py.value('result'))}) ` +
      `should give one entry ["fetch", 2, 250, true], but the report holds ${showRows(reported)}.`,
    reported.length === 2 && reported[0]?.[0] === 'fetch' && reported[1]?.[0] === 'fetch'
      ? ' The run was recorded twice: the wrapper already records it, so session.run should only call the step.'
      : '',
  );
});

test('the report accumulates across sessions, and is complete when a block raised', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    first, _ = make_step(toolkit, "first", "ok")
    second, _ = make_step(toolkit, "second", OSError("a"), OSError("b"), retries=1, backoff=0.25)
    with toolkit.session() as session:
        session.run("first")
    after_first = rows(toolkit)
    try:
        with toolkit.session() as session:
            session.run("second")
        escaped = "nothing"
    except OSError as exc:
        escaped = f"OSError: {exc}"
  `);
  expect(await py.value('escaped'), 'the step’s last error should leave the with block').toBe('OSError: b');
  const afterFirst = await py.value<Row[]>('after_first');
  const reported = await py.value<Row[]>('rows(toolkit)');
  let why = '';
  if (reported.length === 1 && reported[0]?.[0] === 'second')
    why = ' The first session’s run is gone: starting a session should not clear the report, it accumulates.';
  else if (reported.length === 1 && reported[0]?.[0] === 'first')
    why = ' The failed run is missing: the report must be written even when the step, and so the block, raised.';
  await expectReport(afterFirst, [['first', 1, 0, true]], `after the first session the report should hold its one run, but it holds ${showRows(afterFirst)}.`);
  await expectReport(
    reported,
    [
      ['first', 1, 0, true],
      ['second', 2, 250, false],
    ],
    'after a second session whose step failed twice, the report should hold both runs, ' +
      `[["first", 1, 0, true], ["second", 2, 250, false]], but it holds ${showRows(reported)}.`,
    why,
  );
});

// ---- the session --------------------------------------------------------------

test('session.enter returns what __enter__ returned, and resources stay open until the block ends, then close newest first', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    with toolkit.session() as session:
        first = session.enter(Resource("A"))
        second = session.enter(Resource("B"))
        third = session.enter(Resource("C"))
        inside = list(events)
    handles = [first is HANDLES["A"], second is HANDLES["B"], third is HANDLES["C"]]
  `);
  expect(
    await py.value('handles'),
    'session.enter(cm) should return what cm.__enter__() returned (ExitStack.enter_context does), not cm itself',
  ).toEqual([true, true, true]);
  const inside = await py.value<string[]>('inside');
  expect(
    inside,
    `inside the block all three resources should be open, events ["enter A", "enter B", "enter C"], but they were ${show(inside)}. ` +
      (inside.some((e) => e.startsWith('exit')) ? 'A resource was closed as soon as it was entered: keep it on the stack until the session ends.' : ''),
  ).toEqual(['enter A', 'enter B', 'enter C']);
  const all = await py.value<string[]>('events');
  expect(
    all,
    `after the block the resources should be exited newest first (C, B, A), but the events were ${show(all)}.` +
      (show(all.slice(3)) === show(['exit A', 'exit B', 'exit C'])
        ? ' They were exited in the order they were entered: cleanup runs in reverse, as ExitStack does.'
        : ''),
  ).toEqual(['enter A', 'enter B', 'enter C', 'exit C', 'exit B', 'exit A']);
});

test('when the block raises, every resource is still exited newest first and the exception propagates unchanged', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    boom = ZeroDivisionError("in the block")
    try:
        with toolkit.session() as session:
            session.enter(Resource("A"))
            session.enter(Resource("B"))
            raise boom
        escaped = None
    except BaseException as exc:
        escaped = exc
    same = escaped is boom
    escaped_what = repr(escaped)
  `);
  const escapedWhat = await py.value<string>('escaped_what');
  expect(
    await py.value('same'),
    `the block's own exception should leave the with statement unchanged, but what came out was ${escapedWhat}.` +
      (escapedWhat === 'None'
        ? ' Nothing came out: the session swallowed the exception. Clean up (ExitStack does) and let the error go on; ' +
          'an `except` in the session that does not re-raise, or an __exit__ returning True, hides the caller’s bug.'
        : ''),
  ).toBe(true);
  const all = await py.value<string[]>('events');
  expect(
    all,
    `after the block raised, B then A should still be exited, but the events were ${show(all)}.` +
      (all.length === 2 ? ' Nothing was exited: the cleanup must also run when the block raises (ExitStack in a `with`, or try/finally).' : ''),
  ).toEqual(['enter A', 'enter B', 'exit B', 'exit A']);
});

test('a resource whose exit raises does not stop the older ones from being exited', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    try:
        with toolkit.session() as session:
            session.enter(Resource("A"))
            session.enter(Resource("B", fail_on_exit=OSError("B would not close")))
            session.enter(Resource("C"))
        escaped = "nothing"
    except Exception as exc:
        escaped = f"{type(exc).__name__}: {exc}"
  `);
  const all = await py.value<string[]>('events');
  expect(
    all,
    `B's __exit__ raises: C, B and A should all be exited anyway, but the events were ${show(all)}.` +
      (all.includes('exit B') && !all.includes('exit A')
        ? ' A was never exited: a loop over the resources stops at the first exit that raises. ExitStack keeps going.'
        : ''),
  ).toEqual(['enter A', 'enter B', 'enter C', 'exit C', 'exit B', 'exit A']);
  expect(await py.value('escaped'), 'and the error from B’s exit should then propagate').toBe('OSError: B would not close');
});

test('two sessions open at once keep their own resources', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    with toolkit.session() as outer:
        outer.enter(Resource("A"))
        with toolkit.session() as inner:
            inner.enter(Resource("B"))
        after_inner = list(events)
        outer.enter(Resource("C"))
  `);
  const afterInner = await py.value<string[]>('after_inner');
  expect(
    afterInner,
    `when the inner session ends only its own resource B should be exited, events ["enter A", "enter B", "exit B"], ` +
      `but they were ${show(afterInner)}.` +
      (afterInner.includes('exit A') ? ' The inner session closed A too: the sessions share one ExitStack. Create one per session.' : ''),
  ).toEqual(['enter A', 'enter B', 'exit B']);
  expect(await py.value('events'), 'the outer session then exits C and A, newest first').toEqual([
    'enter A',
    'enter B',
    'exit B',
    'enter C',
    'exit C',
    'exit A',
  ]);
});

test('session.run passes positional and keyword arguments, even one called name, and returns the result', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()

    @toolkit.step()
    def label(item, *extra, name="?", **more):
        return [item, list(extra), name, more]

    with toolkit.session() as session:
        try:
            result = session.run("label", 1, 2, name="disk", size=3)
        except Exception as exc:
            result = f"raised {type(exc).__name__}: {exc}"
  `);
  const result = await py.value<unknown>('result');
  expect(
    result,
    `session.run("label", 1, 2, name="disk", size=3) should return label's result [1, [2], "disk", {"size": 3}], but gave ${show(result)}.` +
      (typeof result === 'string' && result.includes('multiple values')
        ? ' The step’s keyword `name` collided with run’s own parameter: make it positional-only, `run(self, name, /, *args, **kwargs)`.'
        : ''),
  ).toEqual([1, [2], 'disk', { size: 3 }]);
});

test('an unknown step name raises UnknownStep, a LookupError naming it, and runs nothing', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    fetch, script = make_step(toolkit, "fetch", "ok")
    with toolkit.session() as session:
        try:
            session.run("fecth")
            unknown = ["returned", ""]
        except Exception as exc:
            unknown = [type(exc).__name__, str(exc), isinstance(exc, ex.UnknownStep), isinstance(exc, LookupError)]
  `);
  const [type, message, isUnknown, isLookup] = await py.value<[string, string, boolean, boolean]>('unknown');
  expect(
    isUnknown,
    `session.run("fecth") with no step of that name should raise ex.UnknownStep, but ${type === 'returned' ? 'it returned' : `it raised ${type}: ${message}`}.` +
      (type === 'KeyError'
        ? ' A bare KeyError from the dict lookup says little: catch it and raise UnknownStep naming the step (`from None`).'
        : ''),
  ).toBe(true);
  expect(isLookup, 'UnknownStep should stay a LookupError subclass, so `except LookupError` catches it').toBe(true);
  expect(message, `the UnknownStep message should name the missing step "fecth", but says: "${message}"`).toContain('fecth');
  expect(
    [await py.value('len(script.calls)'), await py.value('rows(toolkit)')],
    'an unknown name runs no step and adds nothing to the report',
  ).toEqual([0, []]);
});

test('two toolkits never share steps or reports', async () => {
  await py.exec(`
    first = ex.Toolkit()
    second = ex.Toolkit()
    first_fetch, _ = make_step(first, "fetch", "from first")
    only_first, _ = make_step(first, "only_first", "x")

    def fetch():
        return "from second"

    try:
        second.step()(fetch)
        second_registered = "ok"
    except Exception as exc:
        second_registered = f"{type(exc).__name__}: {exc}"

    def run_in(toolkit, name):
        with toolkit.session() as session:
            try:
                return session.run(name)
            except Exception as exc:
                return type(exc).__name__

    ran = [run_in(first, "fetch"), run_in(second, "fetch"), run_in(second, "only_first")]
    reports = [rows(first), rows(second)]
  `);
  const registered = await py.value<string>('second_registered');
  expect(
    registered,
    `registering "fetch" in a second Toolkit should work, but raised ${registered}: ` +
      'the first toolkit’s steps are visible from the second, so the registry is shared, probably a dict in the class body. ' +
      'Create it in __init__, on self.',
  ).toBe('ok');
  const ran = await py.value<string[]>('ran');
  expect(
    ran,
    `each toolkit should run its own "fetch", and the second should not know "only_first": expected ` +
      `["from first", "from second", "UnknownStep"], got ${show(ran)}`,
  ).toEqual(['from first', 'from second', 'UnknownStep']);
  const reports = await py.value<Row[][]>('reports');
  const expected: Row[] = [['fetch', 1, 0, true]];
  const diagnosis = show(reports) === show([expected, expected]) ? '' : await py.value<string>('report_diagnosis()');
  expect(
    reports,
    `after one run in each toolkit, each report should hold only its own run, ${show(expected)}, but they hold ` +
      `${showRows(reports[0] ?? [])} and ${showRows(reports[1] ?? [])}. ${diagnosis}`,
  ).toEqual([expected, expected]);
});

// ---- all of it together -----------------------------------------------------

test('together: a session with resources, retried steps and a failing one unwinds, propagates and reports everything', async () => {
  await py.exec(`
    toolkit = ex.Toolkit()
    connect, _ = make_step(toolkit, "connect", ConnectionError("refused"), "conn", takes=0.125, retries=2, backoff=0.25)
    query, query_script = make_step(toolkit, "query", [1, 2, 3], takes=0.0625)
    publish, publish_script = make_step(toolkit, "publish", TimeoutError("publish 1"), TimeoutError("publish 2"),
                                        takes=0.25, retries=1, backoff=0.5)
    mark = len(clock.sleeps)
    try:
        with toolkit.session() as session:
            db = session.enter(Resource("db"))
            conn = session.run("connect", "db.local")
            lock = session.enter(Resource("lock"))
            rows_read = session.run("query", conn, "select", name="q1")
            session.run("publish", rows_read)
            events.append("after publish")
        escaped = None
    except BaseException as exc:
        escaped = exc
    escaped_ok = escaped is not None and escaped is (publish_script.raised or [None])[-1]
    escaped_what = repr(escaped)
  `);
  const trace = await py.value<string[]>('events');
  expect(
    trace,
    'the whole run should go: enter db, connect twice (fails once), enter lock, query, publish twice (fails both), ' +
      `then exit lock and db, newest first; the events were ${show(trace)}`,
  ).toEqual(['enter db', 'connect #1', 'connect #2', 'enter lock', 'query #1', 'publish #1', 'publish #2', 'exit lock', 'exit db']);
  const escapedWhat = await py.value<string>('escaped_what');
  expect(
    await py.value('escaped_ok'),
    `publish's last TimeoutError should leave the with block unchanged, but what came out was ${escapedWhat}.` +
      (escapedWhat === 'None' ? ' Nothing came out: the error was swallowed on its way through the step or the session.' : ''),
  ).toBe(true);
  expect(
    await py.value('query_script.calls'),
    'session.run passes the step its arguments: query(conn, "select", name="q1") with the connection connect returned',
  ).toEqual([[['conn', 'select'], { name: 'q1' }]]);
  expect(await py.value('since(mark)'), 'waits: 0.25 after connect failed once, 0.5 after publish failed once').toEqual([0.25, 0.5]);
  const reported = await py.value<Row[]>('rows(toolkit)');
  await expectReport(
    reported,
    [
      ['connect', 2, 500, true],
      ['query', 1, 62.5, true],
      ['publish', 2, 1000, false],
    ],
    'the report after the block should hold all three runs: connect (2 attempts, 125 + 250 + 125 = 500 ms, ok), ' +
      'query (1 attempt, 62.5 ms, ok) and publish (2 attempts, 250 + 500 + 250 = 1000 ms, failed), ' +
      `but it holds ${showRows(reported)}.`,
  );
});
