/** Commands that find or run Python: `verify` and `doctor`, with the tests' CPython given as ADVPY_PYTHON. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURSE_ROOT } from '../../src/workspace/course.js';
import { testPython } from '../helpers/python.js';
import { COURSE, IDS, Sandbox } from './_workspace.js';
import { escapeRegExp as escape } from '../helpers/regexp.js';

const sandbox = new Sandbox();
let python: string;
let workspace: string;

beforeAll(async () => {
  python = await testPython();
  workspace = await sandbox.workspace({ ADVPY_PYTHON: python });
});
afterAll(() => sandbox.remove());

const NATIVE_ONLY = ['threads', 'processes', 'free-threading'];
const needsNative = COURSE.exercises.some((exercise) => exercise.requires.capabilities.some((capability) => NATIVE_ONLY.includes(capability)));

describe('advpy-kata verify', () => {
  // One run over every exercise: it is the slowest test here, so the JSON reporter and the exit code share it.
  it('exits 1 while exercises fail, prints one parseable JSON entry per exercise, and marks what passes as done', async () => {
    // Solved 01 and 02, then lost the progress file: verify must give the progress back.
    for (const exercise of COURSE.exercises.slice(0, 2)) {
      copyFileSync(join(COURSE_ROOT, exercise.solutionPath), join(workspace, 'exercises', exercise.workspacePath));
    }
    writeFileSync(join(workspace, '.advpy-kata', 'state.json'), '{"formatVersion": 1, "current": "01_lo');
    const result = await sandbox.cli(['verify', '--reporter', 'json'], workspace, { ADVPY_PYTHON: python });
    expect(result.err).not.toContain('internal error');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({ format: 'advpy-kata verify report', status: 'fail', mode: 'workspace', problems: [] });
    const reported = [...report.exercises, ...report.skipped].map((entry: { exercise: string }) => entry.exercise);
    expect(reported.sort(), 'every exercise is either a result or listed as skipped').toEqual([...IDS].sort());
    expect(report.exercises.every((entry: { target: string }) => entry.target === 'workspace')).toBe(true);
    const [logged, , timed] = report.exercises;
    expect(logged).toMatchObject({ version: 3, exercise: '01_logged', verdict: 'ok', status: 'pass', message: null });
    expect(timed).toMatchObject({ exercise: '03_timed', file: 'exercises/01_decorators/03_timed.py', verdict: 'problem', status: 'fail' });
    expect(timed.tests.length).toBeGreaterThan(0);
    expect(timed.tests.some((test: { status: string }) => test.status === 'fail')).toBe(true);
    // Vitest's locations reach the report: every test quotes its own code from the suite.
    for (const test of logged.tests) expect(test.test_code, `test_code of ${test.name}`).toMatch(/^(test|it)\b[\s\S]*\)\s*;?$/);
    expect(result.err).toContain('Marked as done, since they pass: 01_logged, 02_wraps. Current exercise: 03_timed.');
    const state = JSON.parse(readFileSync(join(workspace, '.advpy-kata', 'state.json'), 'utf8'));
    expect(state.current).toBe('03_timed');
    expect([state.exercises['01_logged'].status, state.exercises['02_wraps'].status]).toEqual(['done', 'done']);
    // 38 suites in one process: on a loaded 2-core machine that outlasts the default 2 minutes.
  }, 300_000);
});

describe('advpy-kata doctor', () => {
  it('lists the Pythons found and which engine runs each exercise', async () => {
    const result = await sandbox.cli(['doctor'], workspace, { ADVPY_PYTHON: python });
    // A native CPython runs every exercise, those that need threads or processes too.
    expect(result.code).toBe(0);
    expect(result.out).toContain(`engine setting: auto; workspace ${workspace}`);
    expect(result.out).toContain('Pythons found, in the order they are tried:');
    expect(result.out).toMatch(new RegExp(`✓ used cpython 3\\.\\d+\\.\\d+\\S*  ${escape(python)} \\(env\\)`));
    expect(result.out).toContain('Which engine runs each exercise:');
    expect(result.out).toMatch(new RegExp(`^  01( \\d\\d)* → native CPython 3\\.\\d+\\.\\d+\\S* \\(${escape(python)}\\): chosen with ADVPY_PYTHON$`, 'm'));
    // The project's tests turn resident runners off (vitest.config.ts), and doctor says so.
    expect(result.out).toContain('Resident runner for `run` here: off (ADVPY_RESIDENT=0)');
    const planned = [...result.out.matchAll(/^ {2}((?:\d\d ?)+) → /gm)].flatMap((match) => match[1]!.trim().split(' '));
    expect(planned.sort()).toEqual(COURSE.exercises.map((exercise) => exercise.code).sort());
  });

  it('--json prints the same facts as data: the Pythons found, and the engine of every exercise', async () => {
    const result = await sandbox.cli(['doctor', '--json'], workspace, { ADVPY_PYTHON: python });
    expect(result.err, 'doctor --json writes nothing to stderr').toBe('');
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({ formatVersion: 1, engine: 'auto', workspace, ok: true });
    expect(result.code, 'the exit code agrees with ok').toBe(report.ok ? 0 : 1);
    const chosen = report.pythons.find((entry: { source: string }) => entry.source === 'env');
    expect(chosen, 'ADVPY_PYTHON is listed with source env').toMatchObject({
      path: python,
      ok: true,
      implementation: 'cpython',
      version: expect.stringMatching(/^3\.\d+\.\d+/),
      capabilities: expect.arrayContaining(['threads', 'processes', 'typecheck']),
      used: true,
    });
    expect(report.exercises.map((entry: { exercise: string }) => entry.exercise)).toEqual(IDS);
    expect(report.exercises[0]).toEqual({ exercise: IDS[0], engine: 'native', python, why: 'chosen with ADVPY_PYTHON' });
    expect(report.resident).toEqual({ state: 'off', why: 'ADVPY_RESIDENT=0' });
  });

  it('--engine embedded plans the embedded Python, and works outside a workspace', async () => {
    const result = await sandbox.cli(['doctor', '--engine', 'embedded'], sandbox.outside, { ADVPY_PYTHON: python });
    expect(result.code).toBe(needsNative ? 1 : 0);
    expect(result.out).toContain('engine setting: embedded; not in a workspace');
    expect(result.out).toMatch(/^ {2}01( \d\d)* → embedded Python \(Pyodide [\d.]+, CPython 3\.14, no install needed\): chosen with --engine embedded$/m);
    expect(result.out).toContain('To run on native CPython, install one:');
  });

  it('names a --python that does not work, and why', async () => {
    const result = await sandbox.cli(['doctor', '--python', '/nonexistent/python3'], sandbox.outside, { ADVPY_PYTHON: '' });
    expect(result.code).toBe(needsNative ? 1 : 0);
    expect(result.out).toContain('✗ /nonexistent/python3 (option): it did not start (ENOENT: no such file or command)');
    expect(result.out).toMatch(/^ {2}01( \d\d)* → embedded Python .*the Python given with --python \(\/nonexistent\/python3\) cannot be used/m);
  });
});
