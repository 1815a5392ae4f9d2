import { beforeEach, describe, expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// Workloads with one clear hot spot. `busy(n)` spends its time in its own loop
// (n steps); `pipeline` calls it between two cheap calls, so `pipeline` has the
// most cumulative time and `busy` the most own time. `chatty` makes 200 cheap
// calls to `tiny` before calling busy: `tiny` has the most calls. cProfile
// counts wall time, so every cheap stretch is kept far shorter than busy's
// loop: a pause of the whole process (a loaded machine) then lands in busy.
// `active_profiler()` says which profiler is still switched on, if any.
// `original_report` (with its `summarise`) is the suite's own copy of the given
// report: a learner who edits report_slow still races the original. `shop()`
// makes 1,200 orders over three years (about 750 days with orders).
// A profiler left enabled by a previous test is switched off before each test,
// so each test reports only its own problem.
beforeEach(async () => {
  await py.exec(`
    import random
    import sys
    import cProfile

    kit.measure.stop_stray_profilers()

    def busy(n):
        total = 0
        for i in range(n):
            total += i * i
        return total

    def light():
        return 1

    def pipeline():
        light()
        busy(400_000)
        return light()

    def tiny():
        return 0

    def chatty():
        for _ in range(200):
            tiny()
        return busy(400_000)

    def hottest(fn, *args, **kwargs):
        # The native runner keeps a helper thread, and cProfile (3.12+) records
        # every thread's calls in one profile: keep other threads waiting meanwhile.
        with kit.measure.other_threads_paused():
            return ex.hottest_function(fn, *args, **kwargs)

    def active_profiler():
        monitoring = getattr(sys, "monitoring", None)
        if monitoring is not None and monitoring.get_tool(monitoring.PROFILER_ID) is not None:
            return monitoring.get_tool(monitoring.PROFILER_ID)
        if sys.getprofile() is not None:
            return "a sys.setprofile hook"
        return None

    def original_report(orders):
        days = sorted({order.placed_at[:10] for order in orders})
        return [summarise(day, orders) for day in days]

    def summarise(day, orders):
        count = 0
        total = 0
        for order in orders:
            if order.placed_at[:10] == day:
                count += 1
                total += order.quantity * order.unit_cents
        return ex.Row(day, count, total)

    def shop(seed=36, n=1200, days=1096):
        """n orders at random moments over the given number of days from 2022-01-01."""
        import datetime
        rng = random.Random(seed)
        start = datetime.datetime(2022, 1, 1)
        return [
            ex.Order(
                i,
                (start + datetime.timedelta(seconds=rng.randrange(days * 86_400))).isoformat(),
                rng.randrange(0, 6),
                rng.randrange(100, 10_000),
            )
            for i in range(n)
        ]

    def first_difference(expected, got):
        if len(expected) != len(got):
            return f"{len(got)} rows instead of {len(expected)}"
        for index, (want, have) in enumerate(zip(expected, got)):
            if want != have:
                if isinstance(have, list):
                    return f"row {index} is the list {have!r}, expected the tuple {tuple(want)!r} (a list never equals a tuple)"
                return f"row {index} is {have!r}, expected {tuple(want)!r}"
        return None
  `);
});

// Entries that spend next to no time of their own in every workload here.
const CHEAP = ['light', 'tiny', "<method 'disable' of '_lsprof.Profiler' objects>", '__exit__', '__enter__'];

/** What hottest_function returned, with the likely reason when it is a known wrong answer. */
function explainHottest(got: unknown, expected: string, cumulative: string, mostCalled?: string): string {
  if (Array.isArray(got)) return ' It returned a sequence (a whole pstats key?): return only the name, a str.';
  if (typeof got !== 'string') return ' Return the name, a str.';
  if (got === '') return ' It returned an empty string.';
  if (got !== mostCalled && CHEAP.includes(got))
    return ` ${got} is one of the entries with the least own time: the hottest has the largest tottime.`;
  if (got !== expected && got.includes(`(${expected})`))
    return ` That is pstats' full label (file:line(name)): return only the name, the third part of the (file, line, name) key.`;
  if (got === cumulative)
    return ` ${cumulative} has the most cumulative time (cumtime: itself plus everything it calls), but ${expected} spent the most time in its own code (tottime).`;
  if (mostCalled !== undefined && got === mostCalled)
    return ` ${mostCalled} was called most often, but each call is cheap: rank by own time (tottime), not by the number of calls.`;
  return '';
}

describe('hottest_function', () => {
  test('names the function with the most own time, not the one with the most cumulative time', async () => {
    const got = await py.value<unknown>('hottest(pipeline)');
    expect(
      got,
      `pipeline() calls light(), busy(400_000), light(): busy runs the loop, so hottest_function(pipeline) should be "busy", ` +
        `but it returned ${JSON.stringify(got)}.${explainHottest(got, 'busy', 'pipeline')}`,
    ).toBe('busy');
  });

  test('ranks by own time, not by the number of calls', async () => {
    const got = await py.value<unknown>('hottest(chatty)');
    expect(
      got,
      `chatty() calls tiny() 200 times and busy(400_000) once: hottest_function(chatty) should be "busy", ` +
        `but it returned ${JSON.stringify(got)}.${explainHottest(got, 'busy', 'chatty', 'tiny')}`,
    ).toBe('busy');
  });

  test('returns the bare name, a str, even when fn itself is the hottest', async () => {
    const got = await py.value<unknown>('hottest(busy, 400_000)');
    const kind = await py.value<string>('type(hottest(busy, 1000)).__name__');
    expect(kind, `hottest_function should return a str, but returned a ${kind}.`).toBe('str');
    expect(got, `hottest_function(busy, 400_000) should be "busy", but it returned ${JSON.stringify(got)}.${explainHottest(got, 'busy', '')}`).toBe(
      'busy',
    );
  });

  test('passes the positional and keyword arguments to fn, and calls it exactly once', async () => {
    await py.exec(`
      calls = []

      def record(a, b=0, *, scale=1):
          calls.append([a, b, scale])
          busy(400_000)
          return "a result to ignore"

      name = hottest(record, 1, b=2, scale=3)
    `);
    const calls = await py.value<unknown[]>('calls');
    expect(
      calls,
      `hottest_function(record, 1, b=2, scale=3) should call record(1, b=2, scale=3) once; the calls were ${JSON.stringify(calls)} ` +
        '(each as [a, b, scale]). Call fn(*args, **kwargs), once.',
    ).toEqual([[1, 2, 3]]);
    const name = await py.value<unknown>('name');
    expect(
      name,
      `record(...) spends its time in busy, so hottest_function(record, 1, b=2, scale=3) should be "busy", but it returned ${JSON.stringify(name)}.` +
        explainHottest(name, 'busy', 'record'),
    ).toBe('busy');
  });

  test('counts built-in functions too, under the name pstats gives them', async () => {
    await py.exec(`
      rng = random.Random(36)
      numbers = [rng.random() for _ in range(200_000)]

      def sort_them():
          return sorted(numbers)
    `);
    const got = await py.value<unknown>('hottest(sort_them)');
    expect(
      got,
      'sort_them() only calls sorted() on 200,000 numbers, so the built-in sorted has the most own time: hottest_function ' +
        `should return "<built-in method builtins.sorted>", the name pstats records, but it returned ${JSON.stringify(got)}.` +
        (got === 'sorted'
          ? ' That is how the pure-Python `profile` module names it; use cProfile, as asked.'
          : typeof got === 'string' && got !== '' && !got.startsWith('<built-in')
            ? ' Built-in functions are entries of the profile too (file "~", line 0); do not skip them.'
            : ''),
    ).toBe('<built-in method builtins.sorted>');
  });

  test('leaves no profiler enabled', async () => {
    await py.exec('hottest(pipeline)');
    const active = await py.value<string | null>('active_profiler()');
    expect(
      active,
      `after hottest_function returned, a profiler is still enabled (${active}). Only one profiler can run at a time: the next ` +
        '`enable()` raises "Another profiling tool is already active". Disable it when fn returns (a `with cProfile.Profile()` block or `runcall` does it for you).',
    ).toBe(null);
  });

  test("lets fn's exception through, and disables the profiler then too", async () => {
    await py.exec(`
      def broken():
          busy(10_000)
          raise LookupError("no such order")
    `);
    const error = await expectRaises(
      py.eval('hottest(broken)'),
      'LookupError',
      'hottest_function should let the exception of fn reach the caller unchanged',
    );
    expect(error.pyMessage).toBe('no such order');
    const active = await py.value<string | null>('active_profiler()');
    expect(
      active,
      `after fn raised, a profiler was still enabled (${active}): the code that disables it did not run. Put it in a ` +
        '`finally`, or let a `with cProfile.Profile()` block do it.',
    ).toBe(null);
  });

  test('profiling the given report points at summarise', async () => {
    const got = await py.value<unknown>('hottest(original_report, shop())');
    expect(
      got,
      `the given report calls summarise once per day, and each call reads every order: hottest_function(report, orders) ` +
        `should be "summarise", but it returned ${JSON.stringify(got)}.${explainHottest(got, 'summarise', 'original_report')}`,
    ).toBe('summarise');
  });
});

describe('report', () => {
  const SMALL = `[
    ex.Order(1, "2024-03-05T09:00:00", 2, 150), ex.Order(2, "2024-03-04T23:59:59", 1, 1000),
    ex.Order(3, "2024-03-05T18:30:00", 1, 700), ex.Order(4, "2024-03-10T08:00:00", 3, 200),
    ex.Order(5, "2024-03-04T00:00:00", 0, 999),
  ]`;
  const SMALL_TEXT = '5 orders: 03-05 2x150, 03-04 1x1000, 03-05 1x700, 03-10 3x200, 03-04 0x999';

  test('gives one row per day, in date order: the day, its number of orders, their total in cents', async () => {
    const got = await py.value<unknown>(`[list(row) for row in ex.report(${SMALL})]`);
    const expected = [
      ['2024-03-04', 2, 1000],
      ['2024-03-05', 2, 1000],
      ['2024-03-10', 1, 600],
    ];
    const text = JSON.stringify(got);
    let why = '';
    if (Array.isArray(got) && got.length === 5)
      why = ' That is one row per order: group by the day, the first 10 characters of placed_at.';
    else if (Array.isArray(got) && got.length === 3 && text !== JSON.stringify(expected) && [...got].sort().join() === [...expected].sort().join())
      why = ' The rows are right but not in date order: sort them by day.';
    else if (text.includes('["2024-03-04",1,'))
      why = ' The order of quantity 0 on 03-04 was not counted: it is still an order.';
    expect(got, `${SMALL_TEXT} should give the rows ${JSON.stringify(expected)}, got ${text}.${why}`).toEqual(expected);
  });

  test('returns a list of tuples (Row, or plain tuples)', async () => {
    const kinds = await py.value<string[]>(`[type(ex.report(${SMALL})).__name__] + sorted({type(row).__name__ for row in ex.report(${SMALL})})`);
    const [outer, ...rows] = kinds;
    expect(
      outer === 'list' && rows.every((kind) => kind === 'Row' || kind === 'tuple'),
      `report should return a list of Row tuples (plain tuples compare equal too), but returned a ${outer} of ${rows.join(', ')}` +
        (rows.includes('list') ? ': a list never equals a tuple, so [day, count, total] is not a row.' : '.'),
    ).toBe(true);
  });

  test('no orders, no rows; the orders are left as they were', async () => {
    expect(await py.value('ex.report([])'), 'report([]) should be []').toEqual([]);
    await py.exec(`
      orders = shop(seed=7, n=40, days=10)
      before = list(orders)
      ex.report(orders)
    `);
    expect(
      await py.value('orders == before'),
      'report changed the list of orders it was given (sorted it, or removed from it?): leave the argument as it was.',
    ).toBe(true);
  });

  test('gives the same rows as the original on 1,200 orders', async () => {
    await py.exec(`
      orders = shop()
      difference = first_difference(original_report(orders), ex.report(list(orders)))
    `);
    const difference = await py.value<string | null>('difference');
    expect(difference, `report and the original disagree on 1,200 orders: ${difference}.`).toBe(null);
  });

  test('is at least 10x faster than the original on 1,200 orders over three years', async () => {
    // The learner's own profile, top 10 functions by own time, is kept as `report_profile`
    // (rows of {name, file, line, ownSeconds, calls}) for the runner to draw.
    await py.exec(`
      orders = shop()
      report_profile = kit.measure.profile_top(ex.report, (list(orders),), limit=10)
      result = kit.measure.speedup(
          original_report, ex.report, make_args=lambda: (list(orders),), demanded=10,
          slow_name="the given report", fast_name="your report",
      )
    `);
    const result = await py.value<{ ok: boolean; verdict: string; message: string }>('result');
    // Drawn as a bar chart after the run, and on `p` in watch mode, pass or fail.
    const profile = await py.recordProfile('Your report on 1,200 orders', 'report_profile');
    const hottest = profile.rows[0];
    const hottestLine =
      hottest === undefined
        ? ''
        : ` Your report's hottest function (cProfile, own time): ${hottest.name}, ${(hottest.ownSeconds * 1000).toFixed(1)} ms ` +
          `in ${hottest.calls} call${hottest.calls === 1 ? '' : 's'}.`;
    const advice =
      result.verdict === 'too slow'
        ? ' Look for work repeated per day: a loop over every order inside a loop over the days. One pass over the ' +
          'orders that adds each one to its day’s running count and total (kept in a dict) does the same job.'
        : '';
    expect(result.ok, `${result.message}${hottestLine}${advice}`).toBe(true);
  });
});
