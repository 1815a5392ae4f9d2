/**
 * The workflow `init` writes, run as GitHub Actions would run it, minus GitHub:
 * the YAML is read with a real YAML parser, the `uses:` steps are checked for what
 * they must set up, and every `run:` step runs in bash in a fresh workspace, with
 * `npx advpy-kata` answered by this checkout's CLI and `npm` recorded (installing
 * from the registry is npm's business, not this test's). The uploaded report must
 * exist and be a JUnit file CI can read.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { COURSE_ROOT } from '../../src/workspace/course.js';
import { JUNIT_REPORT_FILE, WORKFLOW_FILE } from '../../src/workspace/learner-ci.js';
import { readJunit } from '../helpers/junit.js';
import { COURSE, Sandbox, writeProgress } from './_workspace.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

const [LOGGED, WRAPS] = COURSE.exercises;
/** A run starts the embedded Python from cold; on a busy shared machine that alone can take a minute. */
const RUN_TIMEOUT = 600_000;
let shims: string;

beforeAll(() => {
  // `npx advpy-kata ...` runs this checkout's CLI from source; anything else is a mistake in the workflow.
  shims = sandbox.dir('shims');
  const tsx = join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const main = join(PACKAGE_ROOT, 'src', 'cli', 'main.ts');
  writeFileSync(
    join(shims, 'npx'),
    `#!/bin/sh\nif [ "$1" != advpy-kata ]; then echo "npx $* is not advpy-kata" >&2; exit 127; fi\nshift\nexec "${process.execPath}" "${tsx}" "${main}" "$@"\n`,
  );
  writeFileSync(join(shims, 'npm'), `#!/bin/sh\necho "npm $*" >> "$NPM_CALLS"\n`);
  for (const name of ['npx', 'npm']) chmodSync(join(shims, name), 0o755);
});

function readWorkflow(workspace: string): { on: Record<string, unknown>; jobs: Record<string, { 'runs-on': string; steps: Step[] }> } {
  return parse(readFileSync(join(workspace, WORKFLOW_FILE), 'utf8'));
}

/** Every `run:` step, in order, as a runner's bash would run it (`bash -e`, GitHub's default shell), in the repository root. */
function runSteps(workspace: string, steps: readonly Step[]): { code: number; out: string; summary: string; npmCalls: string } {
  const summaryFile = join(workspace, '..', `${workspace.split('/').at(-1)}-summary.md`);
  const npmCalls = join(workspace, '..', `${workspace.split('/').at(-1)}-npm.txt`);
  writeFileSync(summaryFile, '');
  writeFileSync(npmCalls, '');
  let out = '';
  for (const step of steps.filter((candidate) => candidate.run !== undefined)) {
    const ran = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 540_000,
      env: {
        ...process.env,
        PATH: `${shims}:${process.env.PATH ?? ''}`,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_STEP_SUMMARY: summaryFile,
        NPM_CALLS: npmCalls,
        ADVPY_CACHE_DIR: sandbox.cache,
        // This machine is shared and can be slow: a hang is not what is tested here.
        ADVPY_TIMEOUT_MS: '120000',
        NO_COLOR: '1',
      },
    });
    out += `$ ${step.run}\n${ran.stdout}${ran.stderr}`;
    if (ran.status !== 0) return { code: ran.status ?? -1, out, summary: readFileSync(summaryFile, 'utf8'), npmCalls: readFileSync(npmCalls, 'utf8') };
  }
  return { code: 0, out, summary: readFileSync(summaryFile, 'utf8'), npmCalls: readFileSync(npmCalls, 'utf8') };
}

describe(`the workflow init writes (${WORKFLOW_FILE})`, () => {
  let workspace: string;
  let steps: Step[];

  beforeAll(async () => {
    workspace = await sandbox.workspace();
    const workflow = readWorkflow(workspace);
    const jobs = Object.values(workflow.jobs);
    expect(jobs, 'one job').toHaveLength(1);
    steps = jobs[0]!.steps;
  });

  it('runs on every push and pull request, on Ubuntu', () => {
    const workflow = readWorkflow(workspace);
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(Object.values(workflow.jobs)[0]!['runs-on']).toBe('ubuntu-latest');
  });

  it('checks out the repository and sets up Node 20 or newer, and no Python', () => {
    const uses = steps.map((step) => step.uses).filter(Boolean);
    expect(uses[0]).toMatch(/^actions\/checkout@v\d+$/);
    const node = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(node, 'a setup-node step').toBeDefined();
    expect(Number(node!.with?.['node-version']), 'setup-node asks for Node 20+').toBeGreaterThanOrEqual(20);
    expect(uses.some((name) => name?.startsWith('actions/setup-python')), 'no Python is needed').toBe(false);
  });

  it('verifies the done exercises on the embedded Python, with annotations and a JUnit report, which it then uploads', () => {
    const verify = steps.find((step) => step.run?.includes('npx advpy-kata verify'));
    expect(verify?.run).toContain('npx advpy-kata verify --done');
    expect(verify?.run).toContain('--engine embedded');
    expect(verify?.run).toContain('--reporter github');
    expect(verify?.run).toContain(`--reporter junit:${JUNIT_REPORT_FILE}`);
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path, 'the upload takes the file verify wrote').toBe(JUNIT_REPORT_FILE);
    expect(upload?.if, 'the report is uploaded when verify failed too').toMatch(/always\(\)|!cancelled\(\)/);
    expect(readFileSync(join(workspace, '.gitignore'), 'utf8').split('\n'), 'the report is not committed by mistake').toContain(JUNIT_REPORT_FILE);
  });

  it('passes on a fresh workspace: nothing is done yet, so nothing is checked', async () => {
    const result = runSteps(workspace, steps);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('No exercise is done yet, so there is nothing to check.');
    expect(result.summary).toContain('## advpy-kata: ✅ verified');
    const { report } = await readJunit(readFileSync(join(workspace, JUNIT_REPORT_FILE), 'utf8'));
    expect(report.tests).toBe(0);
    // Without a package.json npx fetches advpy-kata itself; with one (pinning it), npm installs it first.
    expect(result.npmCalls).toEqual(existsSync(join(workspace, 'package.json')) ? expect.stringMatching(/^npm (ci|install)/) : '');
  }, RUN_TIMEOUT);

  it('stays green while the learner progresses: a done exercise that passes, the rest not started', async () => {
    const progressing = await sandbox.workspace();
    copyFileSync(join(COURSE_ROOT, LOGGED!.solutionPath), join(progressing, 'exercises', LOGGED!.workspacePath));
    writeProgress(progressing, [LOGGED!.id], WRAPS!.id);
    const result = runSteps(progressing, steps);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain(`✓ ${LOGGED!.id}: passes`);
    expect(result.out).not.toMatch(/^::error/m);
  }, RUN_TIMEOUT);

  it('fails, with one annotation at the done exercise that broke and a JUnit report to upload', async () => {
    const broken = await sandbox.workspace();
    copyFileSync(join(COURSE_ROOT, LOGGED!.solutionPath), join(broken, 'exercises', LOGGED!.workspacePath));
    // 02 was finished, then broken: its file is back to the stub.
    writeProgress(broken, [LOGGED!.id, WRAPS!.id], COURSE.exercises[2]!.id);
    const result = runSteps(broken, steps);
    expect(result.code, result.out).toBe(1);
    expect(result.out.split('\n').filter((line) => line.startsWith('::error'))).toEqual([
      expect.stringMatching(new RegExp(`^::error file=exercises/${WRAPS!.workspacePath.replace(/[./]/g, '\\$&')}[,:].*title=advpy-kata ${WRAPS!.id}::`)),
    ]);
    expect(result.summary).toContain(`❌ ${WRAPS!.id.replace(/_/g, '\\_')}`);
    const { report } = await readJunit(readFileSync(join(broken, JUNIT_REPORT_FILE), 'utf8'));
    expect(report.testsuite?.map((suite) => suite.name)).toEqual([LOGGED!.id, WRAPS!.id]);
    expect(report.failures! + report.errors!).toBeGreaterThan(0);
  }, RUN_TIMEOUT);
});
