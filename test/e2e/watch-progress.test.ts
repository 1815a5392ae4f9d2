/**
 * Watch mode keeps progress when the disk says no, and keeps to one watcher per
 * workspace: the built CLI, real CPython, a pseudo-terminal for keys, and a real
 * full disk (a tiny tmpfs) where this machine allows mounting one.
 * Needs `npm run build` first (npm test does it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { memoryIo } from '../helpers/io.js';
import { PtySession } from '../helpers/pty.js';
import { testPython } from '../helpers/python.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
let root: string;
let template: string;
let env: NodeJS.ProcessEnv;
let copies = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'advpy-watch-progress-'));
  template = join(root, 'template');
  expect(await runCli(['init', template, '--no-git', '--no-install'], memoryIo(root))).toBe(0);
  env = { ...process.env, ADVPY_PYTHON: await testPython(), ADVPY_CACHE_DIR: join(root, 'cache'), FORCE_COLOR: '0', NO_COLOR: '1' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function workspace(): string {
  const copy = join(root, `ws${++copies}`);
  cpSync(template, copy, { recursive: true });
  return copy;
}
const lockFile = (ws: string): string => join(ws, '.advpy-kata', 'watch.lock');
const readLock = (ws: string): { pid: number; startedAt: string } => JSON.parse(readFileSync(lockFile(ws), 'utf8'));
const stateOf = (ws: string): { exercises: Record<string, { status: string }> } => JSON.parse(readFileSync(join(ws, '.advpy-kata', 'state.json'), 'utf8'));
const solve = (ws: string): void =>
  copyFileSync(join(PACKAGE_ROOT, 'solutions', '01_decorators', '01_logged.py'), join(ws, 'exercises', '01_decorators', '01_logged.py'));

/** `watch --manual-run` with piped stdin: r runs, q (or closing stdin) quits. */
class PipedWatch {
  output = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  constructor(cwd: string) {
    this.child = spawn(process.execPath, [BIN, 'watch', '--manual-run'], { cwd, env, stdio: 'pipe' });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }
  async waitFor(pattern: RegExp, from = 0): Promise<void> {
    await expect.poll(() => this.output.slice(from), { timeout: 30_000, interval: 25 }).toMatch(pattern);
  }
  type(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }
}

/** Mount a 16 KiB tmpfs over the workspace's .advpy-kata, keeping its files. Undefined (with the reason) where not allowed. */
function mountTinyStateDir(ws: string): { unmount: () => void } | { reason: string } {
  const stateDir = join(ws, '.advpy-kata');
  const saved = mkdtempSync(join(root, 'state-copy-'));
  cpSync(stateDir, saved, { recursive: true });
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', stateDir], { encoding: 'utf8' });
  if (process.platform !== 'linux' || mount.status !== 0) return { reason: (mount.stderr || mount.error?.message || process.platform).trim() };
  cpSync(saved, stateDir, { recursive: true });
  return { unmount: () => spawnSync('umount', [stateDir]) };
}

/** Fill the rest of the disk `dir` is on; returns the filler file to delete for space. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  try {
    for (;;) writeFileSync(filler, Buffer.alloc(1024), { flag: 'a' });
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
  return filler;
}

describe('one workspace, one watcher', () => {
  test('the lock names the watcher; a second watcher is refused with its pid; q releases the lock', async () => {
    const ws = workspace();
    const session = new PtySession(`node ${BIN}`, ws, env);
    try {
      await session.waitFor(/q quit/);
      const lock = readLock(ws);
      expect(lock.pid).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(lock.startedAt))).toBe(false);

      const second = spawnSync(process.execPath, [BIN, 'watch', '--manual-run'], { cwd: ws, env, encoding: 'utf8', input: 'q\n' });
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`another advpy-kata watch (pid ${lock.pid}, started ${lock.startedAt}) is already watching this workspace`);
      expect(second.stderr).toContain(`If it is no longer running, delete ${lockFile(ws)}`);
      expect(readLock(ws)).toEqual(lock);

      session.press('q');
      expect(await session.exited).toBe(0);
      expect(existsSync(lockFile(ws))).toBe(false);
    } finally {
      session.kill();
    }
  });

  test('Ctrl-C releases the lock', async () => {
    const ws = workspace();
    const session = new PtySession(`node ${BIN}`, ws, env);
    try {
      await session.waitFor(/q quit/);
      expect(existsSync(lockFile(ws))).toBe(true);
      session.press('\u0003');
      await session.exited;
      expect(existsSync(lockFile(ws))).toBe(false);
    } finally {
      session.kill();
    }
  });

  test('SIGTERM releases the lock', async () => {
    const ws = workspace();
    const watch = new PipedWatch(ws);
    try {
      await watch.waitFor(/q quit/);
      expect(readLock(ws).pid).toBe(watch.child.pid);
      watch.child.kill('SIGTERM');
      await watch.exited;
      expect(existsSync(lockFile(ws))).toBe(false);
    } finally {
      watch.child.kill('SIGKILL');
    }
  });

  test('a stale lock (its process is gone) is taken over with a note, and released at quit', async () => {
    const ws = workspace();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(lockFile(ws), JSON.stringify({ pid: gone, startedAt: '2025-01-01T00:00:00.000Z', hostname: (await import('node:os')).hostname() }));
    const watch = new PipedWatch(ws);
    try {
      await watch.waitFor(new RegExp(`Took over the watch lock from pid ${gone} \\(started 2025-01-01T00:00:00.000Z\\), which is no longer running\\.`));
      await watch.waitFor(/q quit/);
      expect(readLock(ws).pid).toBe(watch.child.pid);
      watch.type('q');
      expect(await watch.exited).toBe(0);
      expect(existsSync(lockFile(ws))).toBe(false);
    } finally {
      watch.child.kill('SIGKILL');
    }
  });
  // An error exit (the terminal refusing raw mode) is tested in process: test/commands/watch-lock.test.ts.
});

describe('a full disk in watch mode (a real tmpfs)', () => {
  test('a pass is kept in memory and said on screen; once space is freed, q saves it', async (context) => {
    const ws = workspace();
    const mounted = mountTinyStateDir(ws);
    if ('reason' in mounted) return context.skip(`cannot mount a tmpfs here (${mounted.reason}); test/workspace/state-saver.test.ts covers this with injected errors`);
    const session = new PtySession(`node ${BIN}`, ws, env);
    try {
      await session.waitFor(/q quit/);
      const filler = fill(join(ws, '.advpy-kata'));
      let mark = session.mark();
      solve(ws);
      await session.waitFor(/01_logged passes![\s\S]*Your progress could not be saved to \S+state\.json: the disk is full \(ENOSPC\)\. It is kept in memory and saved at your next change and when you quit\. Free some disk space\./, mark);
      expect(stateOf(ws).exercises['01_logged']!.status).not.toBe('done');
      expect(readdirSync(join(ws, '.advpy-kata')).filter((name) => name.endsWith('.tmp'))).toEqual([]);

      rmSync(filler);
      mark = session.mark();
      session.press('q');
      expect(await session.exited).toBe(0);
      expect(session.text().slice(mark)).toContain('Bye! Your progress is saved.');
      expect(stateOf(ws).exercises['01_logged']!.status).toBe('done');
    } finally {
      session.kill();
      mounted.unmount();
    }
  });

  test('a disk that stays full: q keeps a rescue copy, says how to put it back, and exits 74 (not 70)', async (context) => {
    const ws = workspace();
    const mounted = mountTinyStateDir(ws);
    if ('reason' in mounted) return context.skip(`cannot mount a tmpfs here (${mounted.reason}); test/workspace/state-saver.test.ts covers this with injected errors`);
    const rescueDir = mkdtempSync(join(root, 'rescue-'));
    const session = new PtySession(`node ${BIN}`, ws, { ...env, TMPDIR: rescueDir });
    try {
      await session.waitFor(/q quit/);
      fill(join(ws, '.advpy-kata'));
      const mark = session.mark();
      solve(ws);
      await session.waitFor(/It is kept in memory/, mark);
      session.press('q');
      expect(await session.exited).toBe(74);
      const [rescue] = readdirSync(rescueDir).filter((name) => name.startsWith('advpy-kata-progress-'));
      expect(rescue).toBeDefined();
      expect(JSON.parse(readFileSync(join(rescueDir, rescue!), 'utf8')).exercises['01_logged'].status).toBe('done');
      expect(session.text().replace(/\s+/g, ' ')).toContain(`A copy is kept in ${join(rescueDir, rescue!)}. Free some disk space, then put it back:`);
      expect(session.text()).not.toContain('internal error');
      expect(readdirSync(join(ws, '.advpy-kata')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      session.kill();
      mounted.unmount();
    }
  });
});
