/**
 * `verify --jobs N`: the runs spread over worker processes give the report one
 * process gives; a worker that dies costs only its run; and Ctrl-C, SIGTERM or a
 * killed parent leave no worker or Python process behind. A workspace with four
 * exercises done (three solved, one still the stub) keeps each verify short:
 * `--done` checks only those.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { leftoversIn, processesIn } from '../helpers/leftovers.js';
import { testPython } from '../helpers/python.js';
import { COURSE, Sandbox, writeProgress, type CliResult } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

// The last one has the longest time limit, so it is handed out first and finishes out of course order.
const DONE = [0, 1, 2, 37].map((index) => COURSE.exercises[index]!);
const SOLVED = [DONE[0]!, DONE[1]!, DONE[3]!];
const CRASHING = DONE[1]!;

let python: string;
let workspace: string;

beforeAll(async () => {
  python = await testPython();
  workspace = await sandbox.workspace();
  for (const exercise of SOLVED) copyFileSync(join(PACKAGE_ROOT, exercise.solutionPath), join(workspace, 'exercises', exercise.workspacePath));
  writeProgress(workspace, DONE.map((exercise) => exercise.id), COURSE.exercises[3]!.id);
}, 120_000);

const verify = (jobs: number, extra: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
  sandbox.cli(['verify', '--done', '--reporter', 'json', '--jobs', String(jobs)], workspace, { ADVPY_PYTHON: python, ...extra });

/** The in-process run every parallel one is compared with; made once, as each verify takes a while. */
let inProcess: Promise<CliResult> | undefined;
const verifyInProcess = (): Promise<CliResult> => (inProcess ??= verify(1));

interface JsonReport {
  status: string;
  exercises: Array<{ exercise: string; verdict: string; status: string; summary: string }>;
}

describe('verify --done --jobs 2 against --jobs 1', () => {
  let alone: CliResult;
  let shared: CliResult;

  beforeAll(async () => {
    alone = await verifyInProcess();
    shared = await verify(2);
  }, 300_000);

  it('gives the same exit code and the same JSON report, in course order', () => {
    expect(alone.err).toBe('');
    expect(shared.err).toBe('');
    expect(alone.code).toBe(1);
    expect(shared.code).toBe(alone.code);
    const report = JSON.parse(shared.out) as JsonReport;
    expect(report.exercises.map((entry) => entry.exercise)).toEqual(DONE.map((exercise) => exercise.id));
    expect(report.exercises.map((entry) => entry.verdict)).toEqual(['ok', 'ok', 'problem', 'ok']);
    expect(report).toEqual(JSON.parse(alone.out));
  });
});

describe('verify --done --jobs 2 on the embedded engine, which cannot run one of them', () => {
  // 30 needs native threads: it is skipped here, with no worker, while the others run on workers.
  const done = [0, 1, 29].map((index) => COURSE.exercises[index]!);
  let embedded: string;
  const run = (jobs: number): Promise<CliResult> =>
    sandbox.cli(['verify', '--done', '--engine', 'embedded', '--reporter', 'json', '--reporter', `junit:junit-${jobs}.xml`, '--jobs', String(jobs)], embedded, {
      ADVPY_PYTHON: python,
    });
  // JUnit keeps skips in line with the rest, so it shows where the skip went; times differ from run to run.
  const junit = (jobs: number): string => readFileSync(join(embedded, `junit-${jobs}.xml`), 'utf8').replace(/ time="[^"]*"/g, '');

  beforeAll(async () => {
    embedded = await sandbox.workspace();
    for (const exercise of done) copyFileSync(join(PACKAGE_ROOT, exercise.solutionPath), join(embedded, 'exercises', exercise.workspacePath));
    writeProgress(embedded, done.map((exercise) => exercise.id), COURSE.exercises[1]!.id);
  });

  it('gives the same report as --jobs 1, the skip listed as one', async () => {
    const alone = await run(1);
    const shared = await run(2);
    expect(shared.err).toBe('');
    expect(shared.code).toBe(alone.code);
    const report = JSON.parse(shared.out) as JsonReport & { skipped: Array<{ exercise: string }> };
    expect(report.exercises.map((entry) => entry.exercise)).toEqual([done[0]!.id, done[1]!.id]);
    expect(report.skipped.map((entry) => entry.exercise)).toEqual([done[2]!.id]);
    expect(report).toEqual(JSON.parse(alone.out));
    expect(junit(2)).toBe(junit(1));
  }, 300_000);
});

describe('a verify worker that dies mid-run', () => {
  let result: CliResult;
  let alone: JsonReport;

  beforeAll(async () => {
    alone = JSON.parse((await verifyInProcess()).out) as JsonReport;
    result = await verify(2, { ADVPY_VERIFY_WORKER_EXIT_ON: CRASHING.id });
  }, 300_000);

  it('costs its run only: that run is a problem saying what happened and what to do', () => {
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as JsonReport;
    const crashed = report.exercises.find((entry) => entry.exercise === CRASHING.id);
    expect(crashed).toMatchObject({ verdict: 'problem', status: 'error' });
    expect(crashed?.summary).toMatch(/^the suite could not run: the verify worker running it \(pid \d+\) was killed by SIGKILL before it reported a result\. Re-run verify with --jobs 1/);
  });

  it('and every other run still completes, as it would in one process', () => {
    const report = JSON.parse(result.out) as JsonReport;
    expect(report.exercises.map((entry) => entry.exercise)).toEqual(DONE.map((exercise) => exercise.id));
    const others = (json: JsonReport): JsonReport['exercises'] => json.exercises.filter((entry) => entry.exercise !== CRASHING.id);
    expect(others(report)).toEqual(others(alone));
  });
});

describe('a parallel verify that is stopped', () => {
  // SIGKILL gives the parent no chance to end anything: the workers see their IPC
  // channel close and end themselves, so they get longer to be gone.
  it.each([
    { signal: 'SIGINT', code: 130, settleMs: 2_000 },
    { signal: 'SIGTERM', code: 143, settleMs: 2_000 },
    { signal: 'SIGKILL', code: null, settleMs: 15_000 },
  ] as const)('by $signal (exit code $code): no verify worker and no Python is left running', async ({ signal, code, settleMs }) => {
    const hanging = await sandbox.workspace();
    // Every exercise hangs at import, so both workers are inside Python when the signal comes.
    for (const exercise of COURSE.exercises) writeFileSync(join(hanging, 'exercises', exercise.workspacePath), 'while True:\n    pass\n');
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const child = spawn(process.execPath, ['--import', tsx, join(PACKAGE_ROOT, 'src', 'cli', 'main.ts'), 'verify', '--jobs', '2'], {
      cwd: hanging,
      env: { ...process.env, ...sandbox.env({ ADVPY_PYTHON: python, ADVPY_TIMEOUT_MS: '120000', NO_COLOR: '1' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    const running = (pattern: RegExp): number => processesIn(hanging).filter((process) => pattern.test(process.command)).length;
    const deadline = Date.now() + 90_000;
    while ((running(/__verify-worker/) < 2 || running(/advpy_native\.py/) < 2) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running(/__verify-worker/), 'two workers were started').toBe(2);
    expect(running(/advpy_native\.py/), 'each is running Python').toBe(2);
    child.kill(signal);
    expect(await exited, stderr).toBe(code);
    expect(await leftoversIn(hanging, settleMs)).toEqual([]);
  }, 180_000);
});
