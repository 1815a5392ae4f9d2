/**
 * Tripwire for the warm pool, which leans on Vitest internals (warm-pool.ts):
 * if a Vitest upgrade changes how workers are started, stopped or listened to,
 * these fail before a learner sees stale verdicts, a new thread per save, or a
 * leak. Also: the fallback to Vitest's own pool runs suites just as correctly.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Exercise } from '../../src/core/exercise.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { planSuitePool, readVitestVersion, WARM_POOL_ENV } from '../../src/runner/pool-choice.js';
import { SuiteRunner, type SuiteRunRequest } from '../../src/runner/suite-runner.js';
import { WARM_POOL_VITEST_VERSION, warmPoolStats } from '../../src/runner/warm-pool.js';
import { readCourse } from '../../src/workspace/course.js';
import { testPython } from '../helpers/python.js';
import { escapeRegExp } from '../helpers/regexp.js';

const course = await readCourse();
const exercise = course.exercises.find((candidate) => candidate.id === '01_logged') as Exercise;
const scratch = mkdtempSync(join(tmpdir(), 'advpy-warm-pool-'));
let python: string;

beforeAll(async () => {
  python = await testPython();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function request(target: 'solution' | 'stub'): SuiteRunRequest {
  return { exercise, targetRoot: join(PACKAGE_ROOT, target === 'solution' ? 'solutions' : 'exercises'), engine: 'native', python };
}

describe('the pool is chosen by the running Vitest and ADVPY_WARM_POOL', () => {
  test.each([
    [WARM_POOL_VITEST_VERSION, {}, 'warm'],
    [WARM_POOL_VITEST_VERSION, { [WARM_POOL_ENV]: '1' }, 'warm'],
    [WARM_POOL_VITEST_VERSION, { [WARM_POOL_ENV]: '0' }, 'threads'],
    [WARM_POOL_VITEST_VERSION, { [WARM_POOL_ENV]: ' Off ' }, 'threads'],
    ['4.2.0', {}, 'threads'],
    [undefined, {}, 'threads'],
  ] as const)('vitest %s, env %j: %s', (version, env, kind) => {
    expect(planSuitePool(version, env).kind).toBe(kind);
  });

  test('a mismatch names both versions and says runs will be slower, in one line', () => {
    const choice = planSuitePool('4.2.0', {});
    expect(choice.kind === 'threads' && choice.notice).toMatch(new RegExp(`written for Vitest ${WARM_POOL_VITEST_VERSION}, but Vitest 4\\.2\\.0 is installed.*slower`));
    expect(choice.kind === 'threads' && choice.notice).not.toContain('\n');
  });

  test('the installed vitest is the pinned one the pool was written for', () => {
    const pinned = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.vitest;
    expect(pinned, 'vitest must stay pinned to an exact version (warm-pool.ts)').toBe(WARM_POOL_VITEST_VERSION);
    expect(readVitestVersion()).toBe(WARM_POOL_VITEST_VERSION);
  });
});

describe('the warm pool', () => {
  let runner: SuiteRunner;
  const notices: string[] = [];

  beforeAll(async () => {
    runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'warm'), env: {}, notice: (line) => notices.push(line) });
  });
  afterAll(async () => {
    await runner.close();
  });

  test('ten runs alternating solution and stub: verdicts alternate, one thread, no listener pile-up', async () => {
    const before = warmPoolStats().threadsStarted;
    const verdicts: string[] = [];
    const listeners: number[] = [];
    for (let run = 0; run < 10; run++) {
      const outcome = await runner.run(request(run % 2 === 0 ? 'solution' : 'stub'));
      verdicts.push(outcome.kind);
      listeners.push(warmPoolStats().listeners);
    }
    expect(notices).toEqual([]);
    expect(verdicts).toEqual(Array.from({ length: 10 }, (_, run) => (run % 2 === 0 ? 'passed' : 'failed')));
    expect(warmPoolStats().threadsStarted - before, 'worker threads started for ten runs').toBe(1);
    expect(listeners[0]).toBeGreaterThan(0);
    expect(listeners, 'listeners on the shared thread after each run').toEqual(Array.from({ length: 10 }, () => listeners[0]));
  });

  test('only: each run skips exactly the tests its own pattern leaves out, however the pattern changes', async () => {
    const ran = async (only?: RegExp): Promise<string[]> => {
      const outcome = await runner.run({ ...request('solution'), ...(only ? { only } : {}) });
      return 'tests' in outcome ? outcome.tests.filter((test) => test.status !== 'skipped').map((test) => test.name) : [outcome.kind];
    };
    const all = await ran();
    expect(all.length, 'tests in 01_logged').toBeGreaterThan(2);
    const [first, second] = all as [string, string];
    const literal = (name: string): RegExp => new RegExp(`^${escapeRegExp(name)}$`);
    // The warm thread keeps the config it started with, so each change of pattern must reach it.
    expect(await ran(literal(first))).toEqual([first]);
    expect(await ran(literal(first))).toEqual([first]);
    expect(await ran(literal(second))).toEqual([second]);
    expect(await ran()).toEqual(all);
  });
});

describe('the fallback to Vitest threads pool (ADVPY_WARM_POOL=0)', () => {
  let runner: SuiteRunner;
  let stderr = '';

  beforeAll(async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    try {
      runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'fallback'), env: { [WARM_POOL_ENV]: '0' } });
    } finally {
      spy.mockRestore();
    }
  });
  afterAll(async () => {
    await runner.close();
  });

  test('prints one line on stderr saying why and that runs are slower', () => {
    expect(stderr).toMatch(/^advpy-kata: ADVPY_WARM_POOL=0 is set, so runs use Vitest's own threads pool and will be slower.*\n$/);
  });

  test('runs suites correctly, and not on the warm pool', async () => {
    const before = warmPoolStats().threadsStarted;
    const verdicts = [];
    for (const target of ['solution', 'stub', 'solution'] as const) verdicts.push((await runner.run(request(target))).kind);
    expect(verdicts).toEqual(['passed', 'failed', 'passed']);
    expect(warmPoolStats().threadsStarted, 'threads started by the warm pool').toBe(before);
  });
});
