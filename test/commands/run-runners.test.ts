/**
 * `run` with the runners a resident runner passes in (io.runners, io.signal): what it
 * records, what it forgets, and what a client that left gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { SuiteOutcome } from '../../src/core/outcome.js';
import type { CourseRunner, CourseRunnerOptions } from '../../src/runner/course-runner.js';
import type { RunnerSource } from '../../src/runner/runner-source.js';
import { memoryIo } from '../helpers/io.js';
import { Sandbox, readStateJson } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());
let workspace: string;
beforeAll(async () => {
  workspace = await sandbox.workspace();
});

/** Runners that answer every run with `outcome`, and note what `run` asked of them. */
function fakeRunners(outcome: SuiteOutcome, onRun?: () => void): RunnerSource & { forgotten: CourseRunnerOptions[]; used: number } {
  const runner = { run: async () => (onRun?.(), outcome) } as unknown as CourseRunner;
  return {
    forgotten: [],
    used: 0,
    async use(_options, work) {
      this.used++;
      return work(runner);
    },
    async forget(options) {
      this.forgotten.push(options);
    },
  };
}

describe('run with runners it is given', () => {
  it('uses them, and forgets them when no Python could run the exercise (one may be installed before the next run)', async () => {
    const runners = fakeRunners({ kind: 'unsupported', reason: 'no CPython 3.12+ was found', fix: 'install one' });
    const io = { ...sandbox.io(workspace), runners };
    expect(await runCli(['run', '01'], io)).toBe(1);
    expect(runners.used).toBe(1);
    expect(runners.forgotten).toHaveLength(1);
    expect(io.out()).toContain('no CPython 3.12+ was found');
  });

  it('keeps them after a verdict', async () => {
    const runners = fakeRunners({ kind: 'error', message: 'the suite is missing' });
    expect(await runCli(['run', '01'], { ...sandbox.io(workspace), runners })).toBe(1);
    expect(runners.forgotten).toEqual([]);
  });

  it('when whoever asked has gone (io.signal aborted), prints nothing, records nothing and exits 130', async () => {
    const before = readStateJson(workspace);
    const controller = new AbortController();
    const runners = fakeRunners({ kind: 'error', message: 'the run was cancelled' }, () => controller.abort());
    const io = { ...memoryIo(workspace, sandbox.env()), runners, signal: controller.signal };
    expect(await runCli(['run', '01'], io)).toBe(130);
    expect(io.out()).toBe('');
    expect(readStateJson(workspace)).toEqual(before);
  });
});
