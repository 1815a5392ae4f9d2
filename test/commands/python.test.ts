/** Commands that find or run Python: `verify` and `doctor`, with the tests' CPython given as ADVPY_PYTHON. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPython } from '../helpers/python.js';
import { COURSE, IDS, Sandbox } from './_workspace.js';

const sandbox = new Sandbox();
let python: string;
let workspace: string;

beforeAll(async () => {
  python = await testPython();
  workspace = await sandbox.workspace({ ADVPY_PYTHON: python });
});
afterAll(() => sandbox.remove());

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NATIVE_ONLY = ['threads', 'processes', 'free-threading'];
const needsNative = COURSE.exercises.some((exercise) => exercise.requires.capabilities.some((capability) => NATIVE_ONLY.includes(capability)));

describe('advpy-kata verify', () => {
  // One run over every exercise: it is the slowest test here, so the JSON reporter and the exit code share it.
  it('in a fresh workspace exits 1, and --reporter json prints one parseable entry per exercise', async () => {
    const result = await sandbox.cli(['verify', '--reporter', 'json'], workspace, { ADVPY_PYTHON: python });
    expect(result.err).not.toContain('internal error');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out);
    expect(report).toMatchObject({ version: 3, status: 'fail', mode: 'workspace', problems: [] });
    expect(report.exercises.map((entry: { exercise: string }) => entry.exercise)).toEqual(IDS);
    expect(report.exercises.every((entry: { target: string }) => entry.target === 'workspace')).toBe(true);
    const [logged] = report.exercises;
    expect(logged).toMatchObject({ exercise: '01_logged', file: 'exercises/01_decorators/01_logged.py', verdict: 'problem', status: 'fail' });
    expect(logged.tests.length).toBeGreaterThan(0);
    expect(logged.tests.some((test: { status: string }) => test.status === 'fail')).toBe(true);
  });
});

describe('advpy-kata doctor', () => {
  it('lists the Pythons found and which engine runs each exercise', async () => {
    const result = await sandbox.cli(['doctor'], workspace, { ADVPY_PYTHON: python });
    expect(result.code).toBe(needsNative ? 1 : 0);
    expect(result.out).toContain(`engine setting: auto; workspace ${workspace}`);
    expect(result.out).toContain('Pythons found, in the order they are tried:');
    expect(result.out).toMatch(new RegExp(`✓ used cpython 3\\.\\d+\\.\\d+\\S*  ${escape(python)} \\(env\\)`));
    expect(result.out).toContain('Which engine runs each exercise:');
    expect(result.out).toMatch(new RegExp(`^  01( \\d\\d)* → native CPython 3\\.\\d+\\.\\d+\\S* \\(${escape(python)}\\): chosen with ADVPY_PYTHON$`, 'm'));
    const planned = [...result.out.matchAll(/^ {2}((?:\d\d ?)+) → /gm)].flatMap((match) => match[1]!.trim().split(' '));
    expect(planned.sort()).toEqual(COURSE.exercises.map((exercise) => exercise.code).sort());
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
