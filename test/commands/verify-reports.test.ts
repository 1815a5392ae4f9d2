/**
 * `verify` writing several reports in one real run, read back by their consumers:
 * the JUnit file by a conforming XML parser, the xunit schema's rules and junit2json,
 * the JSON file against the published schema, and GitHub's annotations and summary.
 * The learner's files stage the outcomes CI must not show green: a timeout, an
 * import error, a crash, and (on an engine that cannot run anything) a skip.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestSuite } from 'junit2json';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { atomicFs } from '../../src/workspace/files.js';
import { readJunit } from '../helpers/junit.js';
import { testPython } from '../helpers/python.js';
import { exercismProblems, expectValidReport } from '../helpers/report-schema.js';
import { fsError } from '../workspace/_errors.js';
import { COURSE, Sandbox, writeProgress } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());
afterEach(() => vi.restoreAllMocks());

const [LOGGED, WRAPS, TIMED] = COURSE.exercises;
const fixture = (name: string): string => readFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'outcomes', `${name}.py`), 'utf8');
const CRASHES = `"""Ends the interpreter inside the wrapper, as a crashed C extension would."""
import functools
import os


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        os._exit(3)

    return wrapper
`;

let python: string;
beforeAll(async () => {
  python = await testPython();
});

const suiteNamed = (suites: TestSuite[] | undefined, name: string): TestSuite => {
  const found = suites?.find((suite) => suite.name === name);
  if (!found) throw new Error(`no <testsuite name="${name}">; the report has ${suites?.map((suite) => suite.name).join(', ')}`);
  return found;
};

describe('verify --done with github, junit and json reporters in one run', () => {
  let workspace: string;
  let result: { code: number; out: string; err: string };
  const summaryFile = (): string => join(sandbox.root, 'step-summary.md');

  beforeAll(async () => {
    workspace = await sandbox.workspace();
    const put = (id: number, text: string): void => writeFileSync(join(workspace, 'exercises', COURSE.exercises[id]!.workspacePath), text);
    put(0, fixture('infinite_loop')); // a timeout inside a test
    put(1, fixture('raises_at_import')); // an import error
    put(2, CRASHES); // a crash inside a test
    writeProgress(workspace, [LOGGED!.id, WRAPS!.id, TIMED!.id], COURSE.exercises[3]!.id);
    writeFileSync(summaryFile(), '# earlier step\n');
    // Run from another folder than the repository root, as a workflow step with working-directory does.
    result = await sandbox.cli(
      ['verify', '--done', '--reporter', 'github', '--reporter', 'junit:../reports/junit.xml', '--reporter', 'json:../reports/results.json'],
      join(workspace, 'exercises'),
      { ADVPY_PYTHON: python, ADVPY_TIMEOUT_MS: '3000', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: sandbox.root, GITHUB_STEP_SUMMARY: summaryFile() },
    );
  }, 600_000);

  it('exits 1, since done exercises broke', () => {
    expect(result.err).not.toContain('internal error');
    expect(result.code).toBe(1);
  });

  it('writes a JUnit report that parses, conforms and counts: a timeout is a failure, an import error and a crash are errors', async () => {
    const { report } = await readJunit(readFileSync(join(workspace, 'reports', 'junit.xml'), 'utf8'));
    expect(report.testsuite?.map((suite) => suite.name)).toEqual([LOGGED!.id, WRAPS!.id, TIMED!.id]);
    const timeout = suiteNamed(report.testsuite, LOGGED!.id);
    expect(timeout.failures, 'the infinite loop fails its tests').toBeGreaterThan(0);
    expect(timeout.testcase?.flatMap((testCase) => testCase.failure ?? []).some((failure) => failure.type === 'Timeout')).toBe(true);
    const importError = suiteNamed(report.testsuite, WRAPS!.id);
    expect(importError).toMatchObject({ tests: 1, failures: 0, errors: 1, skipped: 0 });
    expect(importError.testcase?.[0]?.error?.[0]).toMatchObject({ type: 'KeyError', message: expect.stringContaining("your file failed to import: KeyError: 'verbosity'") });
    const crash = suiteNamed(report.testsuite, TIMED!.id);
    expect(crash.errors, 'the crash is an error in every test that ran it').toBeGreaterThan(0);
    expect(crash.testcase?.flatMap((testCase) => testCase.error ?? []).every((error) => error.type === 'PythonCrashed')).toBe(true);
    expect(report.failures! + report.errors!, 'CI systems see the run as failing').toBeGreaterThan(0);
  });

  it('writes a JSON report valid against the published schema, each exercise a results.json v3 object', () => {
    const json = JSON.parse(readFileSync(join(workspace, 'reports', 'results.json'), 'utf8'));
    expectValidReport(json);
    for (const entry of json.exercises) expect(exercismProblems(entry), entry.exercise).toEqual([]);
    expect(json).toMatchObject({ mode: 'done', status: 'fail', skipped: [] });
    expect(json.notDone).toEqual(COURSE.exercises.slice(3).map((exercise) => exercise.id));
    expect(json.exercises.map((entry: { status: string }) => entry.status)).toEqual(['fail', 'error', 'fail']);
    const crashed = json.exercises[2].tests.filter((test: { status: string }) => test.status === 'error');
    expect(crashed.length, 'crashed tests are errors').toBeGreaterThan(0);
  });

  it('annotates each failing exercise once, with paths relative to GITHUB_WORKSPACE, whatever the working directory', () => {
    const annotations = result.out.split('\n').filter((line) => line.startsWith('::'));
    const where = relative(sandbox.root, workspace);
    expect(annotations.map((line) => /^::error file=([^,]+)/.exec(line)?.[1])).toEqual(
      [LOGGED!, WRAPS!, TIMED!].map((exercise) => `${where}/exercises/${exercise.workspacePath}`),
    );
    expect(annotations[0], 'the timeout points at the stuck line of the loop').toMatch(/,line=(7|8),/);
    expect(annotations[1], 'the import error points at its module-level line').toMatch(/,line=4,/);
  });

  it('appends the job summary to GITHUB_STEP_SUMMARY, keeping what earlier steps wrote', () => {
    const summary = readFileSync(summaryFile(), 'utf8');
    expect(summary.startsWith('# earlier step\n## advpy-kata: ❌ not verified')).toBe(true);
    expect(summary).toContain(`| ❌ ${WRAPS!.id.replace(/_/g, '\\_')} |`);
    expect(summary).toMatch(/Not checked, since they are not done yet: \d+ exercises/);
  });

  it('still shows the run in the log, as the pretty reporter would', () => {
    expect(result.out).toContain('Checking the 3 exercise(s) done so far');
    expect(result.out).toMatch(/Not verified \(the exercises done so far\): 0 ok, 3 with problems, 0 skipped\./);
  });
});

describe('verify when the engine cannot run an exercise (a skip)', () => {
  let workspace: string;
  const env = { ADVPY_PYTHON: '' };
  const args = (...extra: string[]): string[] => ['verify', '--engine', 'native', '--python', '/nonexistent/python3', ...extra];

  beforeAll(async () => {
    workspace = await sandbox.workspace();
    writeProgress(workspace, [LOGGED!.id], WRAPS!.id);
  });

  it('--done reports it as skipped in every report, never as passing, and exits 0 since nothing done broke', async () => {
    const result = await sandbox.cli(args('--done', '--reporter', 'junit:skip.xml', '--reporter', 'json:skip.json'), workspace, env);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const { report } = await readJunit(readFileSync(join(workspace, 'skip.xml'), 'utf8'));
    expect(suiteNamed(report.testsuite, LOGGED!.id)).toMatchObject({ tests: 1, failures: 0, errors: 0, skipped: 1 });
    expect(suiteNamed(report.testsuite, LOGGED!.id).testcase?.[0]?.skipped?.[0]?.message).toMatch(/no native Python can run 01_logged.*Install CPython/);
    const json = JSON.parse(readFileSync(join(workspace, 'skip.json'), 'utf8'));
    expectValidReport(json);
    expect(json).toMatchObject({ status: 'pass', exercises: [], skipped: [{ exercise: LOGGED!.id, target: 'workspace' }] });
    expect(result.out, 'the pretty report shows the run, since no reporter took stdout').toContain('○ 01_logged: skipped: no native Python can run 01_logged');
  });

  it('without --done, a skip fails the run', async () => {
    const result = await sandbox.cli(args('--reporter', 'json'), workspace, env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ status: 'fail', exercises: [] });
  });

  it('picks the github reporter by itself under GitHub Actions', async () => {
    const result = await sandbox.cli(args('--done'), workspace, { ...env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace });
    expect(result.out).toContain(`::warning file=exercises/${LOGGED!.workspacePath},title=advpy-kata ${LOGGED!.id}::${LOGGED!.id} was not checked`);
  });

  it.each(['ENOSPC', 'EROFS'])('a report that cannot be written (%s) is a clear message and exit 74, and the other reports are still written', async (code) => {
    const real = atomicFs.writeFile;
    vi.spyOn(atomicFs, 'writeFile').mockImplementation((async (path: string, ...rest: unknown[]) => {
      if (String(path).includes('junit-out.xml')) throw fsError(code, 'open', String(path));
      return (real as (...args: unknown[]) => Promise<void>)(path, ...rest);
    }) as never);
    const result = await sandbox.cli(args('--done', '--reporter', 'junit:junit-out.xml', '--reporter', 'json:json-out.json'), workspace, env);
    expect(result.code).toBe(74);
    expect(result.err).toContain(`error: the junit report could not be written to ${join(workspace, 'junit-out.xml')}: `);
    expect(result.err).toContain(`(${code})`);
    expect(result.err).not.toContain('internal error');
    expect(existsSync(join(workspace, 'junit-out.xml'))).toBe(false);
    expect(JSON.parse(readFileSync(join(workspace, 'json-out.json'), 'utf8')).skipped).toHaveLength(1);
  });

  it('a report file in a folder that cannot exist (a file is in the way) is exit 74, not a crash', async () => {
    writeFileSync(join(workspace, 'blocked'), 'a file, not a folder');
    const result = await sandbox.cli(args('--done', '--reporter', 'junit:blocked/report.xml'), workspace, env);
    expect(result.code).toBe(74);
    expect(result.err).toMatch(/the junit report could not be written to .*blocked\/report\.xml/);
  });
});
