/**
 * Progress that cannot be written: ENOSPC, EACCES and EROFS are injected through
 * the file seam (as root, chmod cannot deny a write), and ENOSPC is also staged for
 * real on a tiny tmpfs where this machine allows mounting one. Never exit 70,
 * never a leftover temp file, and the earlier progress stays as it was.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { COURSE_ROOT } from '../../src/workspace/course.js';
import { atomicFs } from '../../src/workspace/files.js';
import { testPython } from '../helpers/python.js';
import { fsError } from '../workspace/_errors.js';
import { COURSE, Sandbox, stateFile, writeProgress } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());
afterEach(() => vi.restoreAllMocks());

const LOGGED = COURSE.exercises[0]!;
let python: string;
beforeAll(async () => {
  python = await testPython();
});

/** Every write of a file's content fails with `code`, as on a full, denied or read-only disk. */
function failWrites(code: string): void {
  vi.spyOn(atomicFs, 'writeFile').mockImplementation((async (path: string) => {
    throw fsError(code, 'open', path);
  }) as never);
}

const stateDirFiles = (workspace: string): string[] => readdirSync(join(workspace, '.advpy-kata'));
const solve = (workspace: string): void =>
  writeFileSync(join(workspace, 'exercises', LOGGED.workspacePath), readFileSync(join(COURSE_ROOT, LOGGED.solutionPath), 'utf8'));

describe.each(['ENOSPC', 'EACCES', 'EROFS'])('when progress cannot be written (%s)', (code) => {
  it('hint still shows the hint, then says it was not recorded: exit 74, the file untouched, no temp file', async () => {
    const workspace = await sandbox.workspace();
    const before = readFileSync(stateFile(workspace), 'utf8');
    const files = stateDirFiles(workspace);
    failWrites(code);
    const result = await sandbox.cli(['hint', '01'], workspace);
    expect(result.code).toBe(74);
    expect(result.out).toContain(`Hint 1/${LOGGED.hints.length} for ${LOGGED.id}:`);
    expect(result.err).toContain(`error: your progress could not be saved to ${stateFile(workspace)}:`);
    expect(result.err).toContain(`(${code})`);
    expect(result.err).toContain('then run the same command again');
    expect(result.err).not.toContain('internal error');
    expect(readFileSync(stateFile(workspace), 'utf8')).toBe(before);
    expect(stateDirFiles(workspace)).toEqual(files);
  });

  it('list still works from a repaired state it cannot save, and says so', async () => {
    const workspace = await sandbox.workspace();
    writeProgress(workspace, [LOGGED.id], 'no_such_exercise');
    failWrites(code);
    const result = await sandbox.cli(['list'], workspace);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`The repaired progress could not be saved yet:`);
    expect(result.err).toContain(`(${code})`);
  });
});

it('run of a passing exercise on a full disk: the verdict is shown, not recorded, exit 74; with space again, it is recorded', async () => {
  const workspace = await sandbox.workspace();
  solve(workspace);
  const before = readFileSync(stateFile(workspace), 'utf8');
  failWrites('ENOSPC');
  const env = { ADVPY_PYTHON: python };
  const full = await sandbox.cli(['run', '01', '--engine', 'native'], workspace, env);
  expect(full.out).toMatch(/\d+ passed, 0 failed/);
  expect(full.err).toContain('the disk is full (ENOSPC). This command\'s change to your progress was not recorded');
  expect(full.err).toContain('Free some disk space, then run the same command again.');
  expect(full.code).toBe(74);
  expect(readFileSync(stateFile(workspace), 'utf8')).toBe(before);

  vi.restoreAllMocks();
  const again = await sandbox.cli(['run', '01', '--engine', 'native'], workspace, env);
  expect(again.code).toBe(0);
  expect(JSON.parse(readFileSync(stateFile(workspace), 'utf8')).exercises[LOGGED.id].status).toBe('done');
});

/**
 * A real full disk: `.advpy-kata` on a 16 KiB tmpfs, filled up. Needs root (or
 * CAP_SYS_ADMIN) and Linux; elsewhere the test is reported as skipped with the
 * reason, and the injected ENOSPC tests above still prove the behaviour.
 */
it('a real full disk (tmpfs): hint and run exit 74 with no temp file left, and work again once space is freed', async (context) => {
  const workspace = await sandbox.workspace();
  const stateDir = join(workspace, '.advpy-kata');
  const saved = mkdtempSync(join(sandbox.root, 'state-copy-'));
  cpSync(stateDir, saved, { recursive: true });
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', stateDir], { encoding: 'utf8' });
  if (process.platform !== 'linux' || mount.status !== 0) {
    context.skip(`cannot mount a tmpfs here (${(mount.stderr || mount.error?.message || process.platform).trim()}); the injected ENOSPC tests cover this`);
  }
  try {
    cpSync(saved, stateDir, { recursive: true });
    const filler = join(stateDir, 'filler');
    try {
      for (;;) writeFileSync(filler, Buffer.alloc(1024), { flag: 'a' });
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    const before = readFileSync(stateFile(workspace), 'utf8');
    const files = stateDirFiles(workspace);

    const hint = await sandbox.cli(['hint', '01'], workspace);
    expect(hint.err).toContain('the disk is full (ENOSPC)');
    expect(hint.code).toBe(74);

    solve(workspace);
    const run = await sandbox.cli(['run', '01', '--engine', 'native'], workspace, { ADVPY_PYTHON: python });
    expect(run.err).toContain('the disk is full (ENOSPC)');
    expect(run.code).toBe(74);
    expect(readFileSync(stateFile(workspace), 'utf8')).toBe(before);
    expect(stateDirFiles(workspace)).toEqual(files);

    rmSync(filler);
    expect((await sandbox.cli(['run', '01', '--engine', 'native'], workspace, { ADVPY_PYTHON: python })).code).toBe(0);
    expect(JSON.parse(readFileSync(stateFile(workspace), 'utf8')).exercises[LOGGED.id].status).toBe('done');
  } finally {
    spawnSync('umount', [stateDir]);
  }
});
