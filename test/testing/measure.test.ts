/**
 * The kit's measuring helper, `kit.measure` (python/_advpy_kata/measure.py), on
 * both engines. Nothing here asserts a time: the helper's arithmetic is checked
 * with a fake clock that the functions under test move by known amounts, and the
 * real clock is only trusted with enormous ratios (O(n) against O(n²), more than
 * 100x apart) or with two copies of the same function (1x, ten times short of
 * what is demanded).
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PythonInterpreter } from '../../src/engine/engine.js';
import type { BridgeResponse } from '../../src/core/protocol.js';
import { startNative } from '../../src/engine/native.js';
import { disposeEmbeddedPool, startEmbedded } from '../../src/engine/embedded.js';
import { dedent } from '../../src/testing/exercise.js';
import { testPython } from '../helpers/python.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'advpy-measure-')));
const folder = join(scratch, 'chapter');
const cacheDir = join(scratch, 'cache');
const REQUEST_MS = 60_000;

// Functions with known costs. pairs_slow counts the pairs i > j below n one at a
// time (n²/2 steps); pairs_fast gets the same number from one sum over range(n).
const LESSON = `
def pairs_slow(n):
    total = 0
    for i in range(n):
        for _ in range(i):
            total += 1
    return total


def pairs_slow_too(n):
    total = 0
    for i in range(n):
        for _ in range(i):
            total += 1
    return total


def pairs_fast(n):
    return sum(range(n))


def busy(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def light():
    return 1


def pipeline():
    light()
    busy(600_000)
    return light()


def failing():
    busy(1_000)
    raise ValueError("broken on purpose")
`;

// In the suite namespace: a fake clock, and functions that move it by the costs
// they are given, one per call (the last cost repeats), logging each call.
const FAKES = `
import gc
import sys
import time
import cProfile

class Ticks:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

def costing(label, costs, result=0, log=None):
    costs = list(costs)
    def fn(*args):
        if log is not None:
            log.append(label)
        ticks.now += costs.pop(0) if len(costs) > 1 else costs[0]
        return result
    fn.__name__ = label
    return fn

def fresh():
    global ticks, log
    ticks = Ticks()
    log = []
`;

const N = 1000; // pairs_slow(1000): about half a million steps, pairs_fast: a thousand

beforeAll(async () => {
  mkdirSync(folder);
  writeFileSync(join(folder, 'lesson.py'), LESSON);
});

afterAll(async () => {
  await disposeEmbeddedPool();
  rmSync(scratch, { recursive: true, force: true });
});

function ok(response: BridgeResponse): unknown {
  if (!response.ok) throw new Error(`expected ok, got ${response.error.type}: ${response.error.message}`);
  return response.value;
}

interface Measured {
  ok: boolean;
  verdict: string;
  ratio: number | null;
  demanded: number;
  slowName: string;
  fastName: string;
  slowSeconds: number | null;
  fastSeconds: number | null;
  slowSamples: number[];
  fastSamples: number[];
  callsPerSample: { slow: number; fast: number };
  rounds: number;
  clock: string;
  difference: string | null;
  message: string;
}

interface ProfileRow {
  name: string;
  file: string | null;
  line: number | null;
  ownSeconds: number;
  calls: number;
}

type Engine = 'native' | 'embedded';

async function startOn(engine: Engine, fakeTime = false): Promise<PythonInterpreter> {
  const py =
    engine === 'native'
      ? await startNative({ python: await testPython(), cwd: folder, outputCap: 10_000 })
      : await startEmbedded({ cwd: folder, outputCap: 10_000, cacheDir });
  ok(await py.request({ op: 'import', path: join(folder, 'lesson.py'), fakeTime }, REQUEST_MS));
  ok(await py.request({ op: 'exec', code: dedent(FAKES) }, REQUEST_MS));
  return py;
}

describe.each<Engine>(['native', 'embedded'])('kit.measure on the %s engine', (engine) => {
  let py: PythonInterpreter;
  const exec = async (code: string): Promise<void> => {
    ok(await py.request({ op: 'exec', code: dedent(code) }, REQUEST_MS));
  };
  const value = async <T>(code: string): Promise<T> => ok(await py.request({ op: 'eval', code: dedent(code).trim() }, REQUEST_MS)) as T;

  beforeAll(async () => {
    py = await startOn(engine);
  });
  afterAll(async () => {
    await py.close();
  });

  describe('results first', () => {
    test('different results: nothing is timed, and the message calls a fast wrong answer wrong', async () => {
      await exec(`
        fresh()
        result = kit.measure.speedup(
            costing("slow", [5], result=[1, 2, 3], log=log),
            costing("fast", [1], result=[1, 2, 4], log=log),
            clock=ticks,
        )
      `);
      const result = await value<Measured>('result');
      expect(result).toMatchObject({ ok: false, verdict: 'different', ratio: null, rounds: 0, slowSamples: [], fastSamples: [] });
      expect(result.difference).toBe('They first differ at index 2: expected 3, got 4.');
      expect(result.message).toContain('fast returned something different from slow on the same input');
      expect(result.message).toContain('a fast wrong answer is still a wrong answer');
      expect(await value('log'), 'each function runs once, for the comparison, and is never timed').toEqual(['slow', 'fast']);
    });

    test('the difference names a missing item, a wrong type, a dict key', async () => {
      await exec(`
        fresh()
        def differ(expected, got):
            return kit.measure.speedup(costing("slow", [1], result=expected), costing("fast", [1], result=got), clock=ticks)["difference"]
      `);
      expect(await value('differ([1, 2, 3], [1, 2])')).toBe('Expected 3 items, got 2; the first 2 agree.');
      expect(await value('differ([1, 2], (1, 2))')).toBe('Expected a list, got a tuple: (1, 2).');
      expect(await value('differ({"a": [1]}, {"a": [2]})')).toBe("At key 'a': expected [1], got [2].");
      expect(await value('differ({"a": 1, "b": 2}, {"a": 1})')).toBe("Missing key 'b' (1 missing in all).");
      expect(await value('differ(3, "3")')).toBe("Expected a int, got a str: '3'.");
    });

    test('same= decides what counts as equal', async () => {
      await exec(`
        fresh()
        result = kit.measure.speedup(
            costing("slow", [10], result=[3, 1, 2]),
            costing("fast", [1], result=[1, 2, 3]),
            same=lambda expected, got: sorted(expected) == sorted(got),
            clock=ticks,
        )
      `);
      expect(await value('result["verdict"], result["ratio"]')).toEqual(['faster', 10]);
    });

    test('an exception from the fast function reaches the suite', async () => {
      const response = await py.request(
        { op: 'eval', code: 'kit.measure.speedup(ex.light, ex.failing)' },
        REQUEST_MS,
      );
      expect(response.ok).toBe(false);
      if (!response.ok) expect(response.error).toMatchObject({ type: 'ValueError', message: 'broken on purpose' });
    });

    test('make_args gives every call its own fresh input', async () => {
      await exec(`
        fresh()
        seen = []
        def total(items):
            seen.append(len(items))
            ticks.now += 10
            return sum(items)
        def total_then_clear(items):
            seen.append(len(items))
            result = sum(items)
            items.clear()
            ticks.now += 1
            return result
        result = kit.measure.speedup(total, total_then_clear, make_args=lambda: ([1, 2, 3, 4],), clock=ticks)
      `);
      expect(await value('result["verdict"]')).toBe('faster');
      const seen = await value<number[]>('seen');
      expect(seen.length).toBeGreaterThan(4);
      expect(new Set(seen), 'every call saw the four items, though the fast one empties its list').toEqual(new Set([4]));
    });
  });

  describe('timing, with a fake clock', () => {
    test('the ratio is the median slow time over the median fast time, outliers and all', async () => {
      // The first cost of each is the comparison call, which is also the warm-up.
      await exec(`
        fresh()
        result = kit.measure.speedup(
            costing("slow", [7, 10, 1000, 10, 12, 8]),
            costing("fast", [3, 1, 1, 50, 1, 2]),
            rounds=5, min_rounds=5, clock=ticks,
        )
      `);
      const result = await value<Measured>('result');
      expect(result.slowSamples).toEqual([10, 1000, 10, 12, 8]);
      expect(result.fastSamples).toEqual([1, 1, 50, 1, 2]);
      expect(result).toMatchObject({ slowSeconds: 10, fastSeconds: 1, ratio: 10, ok: true, verdict: 'faster', rounds: 5, clock: 'custom' });
      expect(result.message).toBe('fast ran 10.0x as fast as slow: 1000.00 ms against 10000.00 ms per call, the median of 5 rounds. At least 10x was demanded.');
    });

    test('a ratio below the demand fails, and the message gives both', async () => {
      await exec(`
        fresh()
        result = kit.measure.speedup(costing("slow", [9]), costing("fast", [1]), demanded=10, clock=ticks, slow_name="the original", fast_name="your version")
      `);
      const result = await value<Measured>('result');
      expect(result).toMatchObject({ ok: false, verdict: 'too slow', ratio: 9, demanded: 10, rounds: 7 });
      expect(result.message).toBe(
        'your version ran 9.0x as fast as the original: 1000.00 ms against 9000.00 ms per call, the median of 7 rounds. At least 10x is demanded.',
      );
    });

    test('runs alternate: slow first, then fast first, after the comparison (the warm-up)', async () => {
      await exec(`
        fresh()
        kit.measure.speedup(costing("slow", [12], log=log), costing("fast", [1], log=log), rounds=4, min_rounds=4, clock=ticks)
      `);
      expect(await value('log')).toEqual([
        ...['slow', 'fast'], // comparison and warm-up
        ...['slow', 'fast'],
        ...['fast', 'slow'],
        ...['slow', 'fast'],
        ...['fast', 'slow'],
      ]);
      await exec(`
        fresh()
        kit.measure.speedup(costing("slow", [12], log=log), costing("fast", [1], log=log), warmups=2, rounds=3, min_rounds=3, clock=ticks)
      `);
      expect(await value('log'), 'warmups=2 adds two warm-up pairs, alternating too').toEqual([
        ...['slow', 'fast'], // comparison and warm-up
        ...['slow', 'fast'], // warm-up
        ...['fast', 'slow'], // warm-up
        ...['slow', 'fast'],
        ...['fast', 'slow'],
        ...['slow', 'fast'],
      ]);
    });

    test('stops early once the ratio is overwhelmingly met or missed, and uses every round when it is close', async () => {
      await exec(`
        def rounds_for(slow_cost, fast_cost):
            fresh()
            return kit.measure.speedup(costing("slow", [slow_cost]), costing("fast", [1]), clock=ticks)["rounds"]
      `);
      expect(await value('rounds_for(1000, 1)'), '1000x against a demand of 10x').toBe(3);
      expect(await value('rounds_for(1, 1)'), '1x against a demand of 10x').toBe(3);
      expect(await value('rounds_for(12, 1)'), '12x: close to the demand').toBe(7);
    });

    test('max_seconds bounds the comparison, after the minimum of rounds', async () => {
      await exec(`
        fresh()
        result = kit.measure.speedup(costing("slow", [12]), costing("fast", [1]), max_seconds=0, clock=ticks)
      `);
      expect(await value('result["rounds"], result["ratio"]'), '12x is close to 10x, yet the time is up').toEqual([3, 12]);
    });

    test('a fast function is called several times per sample, so that a sample lasts min_sample', async () => {
      await exec(`
        fresh()
        result = kit.measure.speedup(costing("slow", [1.0]), costing("fast", [0.0625]), min_sample=0.5, clock=ticks)
      `);
      const result = await value<Measured>('result');
      expect(result.callsPerSample, '0.5 s takes 8 calls of 1/16 s').toEqual({ slow: 1, fast: 8 });
      expect(result.ratio).toBe(16);
    });

    test('the garbage collector is off while the clock runs, and back on afterwards', async () => {
      await exec(`
        fresh()
        collecting = []
        def watched(*args):
            collecting.append(gc.isenabled())
            ticks.now += 1
            return 0
        kit.measure.speedup(costing("slow", [20]), watched, clock=ticks)
        after = gc.isenabled()
        gc.disable()
        kit.measure.speedup(costing("slow", [20]), watched, clock=ticks)
        after_disabled = gc.isenabled()
        gc.enable()
      `);
      const collecting = await value<boolean[]>('collecting');
      expect(collecting.length).toBeGreaterThan(3);
      expect(new Set(collecting), 'every timed call, the comparison included, runs with the collector off').toEqual(new Set([false]));
      expect(await value('after'), 'the collector is back on').toBe(true);
      expect(await value('after_disabled'), 'a collector that was off stays off').toBe(false);
    });
  });

  describe('timing, with the real clock (ratios far from the demand)', () => {
    test('O(n) against O(n²) passes; a copy of the slow function fails', async () => {
      const faster = await value<Measured>(`kit.measure.speedup(ex.pairs_slow, ex.pairs_fast, args=(${N},))`);
      expect(faster.ok, faster.message).toBe(true);
      expect(faster.ratio!, faster.message).toBeGreaterThan(10);
      const cpuClock = engine === 'native' && process.platform !== 'win32' ? 'process_time' : 'perf_counter';
      expect(faster.clock, 'CPU time where it is precise').toBe(cpuClock);
      const same = await value<Measured>(`kit.measure.speedup(ex.pairs_slow, ex.pairs_slow_too, args=(${N},))`);
      expect(same.ok, same.message).toBe(false);
      expect(same.verdict).toBe('too slow');
      expect(same.ratio!, same.message).toBeLessThan(10);
      expect(same.message).toMatch(/^pairs_slow_too ran \d+\.\dx as fast as pairs_slow: .* per call, the median of \d rounds\. At least 10x is demanded\.$/);
    });
  });

  describe('profiles', () => {
    test('profile_top lists functions by own time, most first, with file, line and calls', async () => {
      const rows = await value<ProfileRow[]>('kit.measure.profile_top(ex.pipeline)');
      expect(rows[0]).toMatchObject({ name: 'busy', file: join(folder, 'lesson.py'), line: LESSON.split('\n').indexOf('def busy(n):') + 1, calls: 1 });
      expect(rows.map((row) => row.name).sort()).toEqual(['busy', 'light', 'pipeline']);
      expect(rows.find((row) => row.name === 'light')?.calls).toBe(2);
      const own = rows.map((row) => row.ownSeconds);
      expect(own, 'sorted by own time').toEqual([...own].sort((a, b) => b - a));
    });

    test('profile_top names built-ins without a file, and keeps at most `limit` rows', async () => {
      const rows = await value<ProfileRow[]>('kit.measure.profile_top(lambda: sorted(range(10)), limit=5)');
      expect(rows.find((row) => row.name === '<built-in method builtins.sorted>')).toMatchObject({ file: null, line: null, calls: 1 });
      expect((await value<ProfileRow[]>('kit.measure.profile_top(ex.pipeline, limit=2)')).length).toBe(2);
    });

    test('profile_top disables its profiler even when the function raises', async () => {
      const response = await py.request({ op: 'eval', code: 'kit.measure.profile_top(ex.failing)' }, REQUEST_MS);
      expect(response.ok).toBe(false);
      expect(await value('sys.monitoring.get_tool(sys.monitoring.PROFILER_ID)')).toBe(null);
    });

    // Defined on native CPython only: the embedded Python has no threads to start.
    const nativeOnly = (name: string, body: () => Promise<void>): void => {
      if (engine === 'native') test(name, body);
    };
    nativeOnly('profile_top keeps another thread that wakes up mid-profile out of the profile', async () => {
      // cProfile (3.12+) records every thread's calls in one profile; a thread
      // that returns from a sleep mid-profile would pop pipeline's and busy's frames.
      await exec(`
        import os
        import threading
        interval_before = sys.getswitchinterval()
        stop_waking = threading.Event()
        def waker():
            while not stop_waking.is_set():
                time.sleep(0.001)
                os.getppid()
        threading.Thread(target=waker, daemon=True).start()
        profiles = [kit.measure.profile_top(ex.pipeline) for _ in range(10)]
        stop_waking.set()
        seen = sorted({(row["name"], row["calls"]) for rows in profiles for row in rows})
      `);
      expect(await value('seen'), 'only the profiled thread’s calls, each counted once').toEqual([
        ['busy', 1],
        ['light', 2],
        ['pipeline', 1],
      ]);
      expect(await value('[rows[0]["name"] for rows in profiles]')).toEqual(Array(10).fill('busy'));
      expect(await value('sys.getswitchinterval() == interval_before'), 'the switch interval is restored').toBe(true);
    });

    test('stop_stray_profilers disables a profiler someone forgot', async () => {
      expect(await value('kit.measure.stop_stray_profilers()'), 'nothing to stop').toBe(0);
      await exec(`
        forgotten = cProfile.Profile()
        forgotten.enable()
        del forgotten
      `);
      expect(await value('sys.monitoring.get_tool(sys.monitoring.PROFILER_ID)')).toBe('cProfile');
      expect(await value('kit.measure.stop_stray_profilers()')).toBe(1);
      expect(await value('sys.monitoring.get_tool(sys.monitoring.PROFILER_ID)')).toBe(null);
      expect((await value<ProfileRow[]>('kit.measure.profile_top(ex.pipeline)'))[0]?.name, 'profiling works again').toBe('busy');
    });
  });

  test("a suite's fake clock does not fool it", async () => {
    const faked = await startOn(engine, true);
    try {
      const frozen = ok(await faked.request({ op: 'eval', code: '(time.perf_counter(), time.perf_counter())' }, REQUEST_MS));
      expect(frozen, 'the fake clock is installed').toEqual([1000, 1000]);
      const response = ok(
        await faked.request({ op: 'eval', code: `kit.measure.speedup(ex.pairs_slow, ex.pairs_fast, args=(${N},))` }, REQUEST_MS),
      ) as Measured;
      expect(response.ok, response.message).toBe(true);
      expect(response.ratio!).toBeGreaterThan(10);
    } finally {
      await faked.close();
    }
  });
});
