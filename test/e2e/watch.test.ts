/**
 * Watch mode end to end: the built CLI in a pseudo-terminal, real CPython, real
 * file saves. Needs `npm run build` first (npm test does it).
 */
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { memoryIo } from '../helpers/io.js';
import { PtySession } from '../helpers/pty.js';
import { testPython } from '../helpers/python.js';
import { readCourse } from '../../src/workspace/course.js';

const TOTAL = (await readCourse()).exercises.length;

const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
let root: string;
let workspace: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'advpy-watch-'));
  workspace = join(root, 'ws');
  expect(await runCli(['init', workspace, '--no-git', '--no-install'], memoryIo(root))).toBe(0);
  env = { ...process.env, ADVPY_PYTHON: await testPython(), ADVPY_CACHE_DIR: join(root, 'cache'), FORCE_COLOR: '0', NO_COLOR: '1' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const stub = (id: string, chapter = '01_decorators'): string => join(PACKAGE_ROOT, 'exercises', chapter, `${id}.py`);
const solution = (id: string, chapter = '01_decorators'): string => join(PACKAGE_ROOT, 'solutions', chapter, `${id}.py`);
const learner = (id: string, chapter = '01_decorators'): string => join(workspace, 'exercises', chapter, `${id}.py`);

function readState(): { current: string; exercises: Record<string, { status: string }> } {
  return JSON.parse(readFileSync(join(workspace, '.advpy-kata', 'state.json'), 'utf8'));
}

/** Save like VS Code or JetBrains "safe write": a temp file renamed over the original. */
function saveByRename(target: string, content: string): void {
  const temp = `${target}.tmp~`;
  writeFileSync(temp, content);
  renameSync(temp, target);
}

test('a saved solution passes, unlocks the next exercise, and n moves on; q saves and quits', async () => {
  const session = new PtySession(`node ${BIN}`, workspace, env);
  try {
    await session.waitFor(/01_logged[\s\S]*✗ prints "calling <name>"[\s\S]*q quit/);
    expect(session.text()).toMatch(new RegExp(`\\[-*>?-*\\] 0/${TOTAL}`));
    expect(session.text()).not.toMatch(/n next/);

    // In-place save.
    let mark = session.mark();
    copyFileSync(solution('01_logged'), learner('01_logged'));
    await session.waitFor(/01_logged passes![\s\S]*n next/, mark);
    expect(session.text().slice(mark)).toMatch(new RegExp(`\\] 1/${TOTAL}`));
    await expect.poll(() => readState().exercises['01_logged'].status, { timeout: 5000 }).toBe('done');

    mark = session.mark();
    session.press('n');
    await session.waitFor(/advpy-kata • 02_wraps[\s\S]*q quit/, mark);

    // Save by renaming a temp file over the original.
    mark = session.mark();
    saveByRename(learner('02_wraps'), readFileSync(solution('02_wraps'), 'utf8'));
    await session.waitFor(/02_wraps passes!/, mark);

    // A save to a locked exercise is only noted.
    mark = session.mark();
    writeFileSync(learner('05_retry'), `${readFileSync(stub('05_retry'), 'utf8')}\n# edited\n`);
    await session.waitFor(/05_retry is locked/, mark);

    session.press('q');
    expect(await session.exited).toBe(0);
    expect(session.text()).toContain('Your progress is saved');
  } finally {
    session.kill();
  }
});

test('c re-checks finished exercises and reports a regression', async () => {
  // 01 and 02 are done from the previous test; break 01 again.
  copyFileSync(stub('01_logged'), learner('01_logged'));
  const session = new PtySession(`node ${BIN}`, workspace, env);
  try {
    await session.waitFor(/q quit/);
    const mark = session.mark();
    session.press('c');
    await session.waitFor(/These finished exercises fail now: 01_logged/, mark);
    session.press('\u0003');
    await session.exited;
    expect(session.text()).toContain('Your progress is saved');
  } finally {
    session.kill();
  }
});

test('a save by deleting and re-creating the file runs that exercise and shows it', async () => {
  // 01 and 02 are unlocked by now; the session starts on the current exercise.
  const session = new PtySession(`node ${BIN}`, workspace, env);
  try {
    await session.waitFor(/q quit/);
    const mark = session.mark();
    const target = learner('02_wraps');
    const content = readFileSync(stub('02_wraps'), 'utf8');
    rmSync(target);
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(target, `${content}\n# recreated\n`);
    await session.waitFor(/advpy-kata • 02_wraps[\s\S]*\d+ passed, [1-9]\d* failed/, mark);
    session.press('q');
    expect(await session.exited).toBe(0);
  } finally {
    session.kill();
  }
});

test('without a terminal, watch explains itself and offers --manual-run', async () => {
  const io = memoryIo(workspace, env);
  expect(await runCli(['watch'], io)).toBe(2);
  expect(io.err()).toContain('--manual-run');
});

test('with no Python 3.12+ anywhere, watch runs on the embedded Python and a saved solution passes', async () => {
  const bare = join(root, 'bare');
  const noPython: NodeJS.ProcessEnv = {
    ...env,
    // Only the system 3.11 remains: no pyenv, no uv, no ADVPY_PYTHON.
    PATH: '/usr/local/bin:/usr/bin:/bin',
    PYENV_ROOT: join(root, 'no-pyenv'),
    UV_PYTHON_INSTALL_DIR: join(root, 'no-uv'),
    HOME: join(root, 'home'),
  };
  delete noPython.ADVPY_PYTHON;
  expect(await runCli(['init', bare, '--no-git', '--no-install'], memoryIo(root, noPython))).toBe(0);
  const session = new PtySession(`node ${BIN}`, bare, noPython);
  try {
    await session.waitFor(/engine: embedded Python 3\.14[\s\S]*\d+ passed, \d+ failed[\s\S]*q quit/, 0, 60_000);
    const mark = session.mark();
    copyFileSync(solution('01_logged'), join(bare, 'exercises', '01_decorators', '01_logged.py'));
    await session.waitFor(/01_logged passes!/, mark, 30_000);
    session.press('q');
    expect(await session.exited).toBe(0);
  } finally {
    session.kill();
  }
});
