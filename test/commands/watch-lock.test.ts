/** The watch lock from the command's side: taken before Python starts, released on an error exit too. */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { testPython } from '../helpers/python.js';
import { memoryIo } from '../helpers/io.js';
import { Sandbox } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());
let python: string;
beforeAll(async () => {
  python = await testPython();
});

const lockFile = (workspace: string): string => join(workspace, '.advpy-kata', 'watch.lock');

it('a terminal that refuses raw mode ends watch with a clear error, and the lock is released', async () => {
  const workspace = await sandbox.workspace();
  const io = memoryIo(workspace, sandbox.env({ ADVPY_PYTHON: python }));
  let heldDuringSession = false;
  io.stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: () => {
      heldDuringSession = existsSync(lockFile(workspace)) && JSON.parse(readFileSync(lockFile(workspace), 'utf8')).pid === process.pid;
      throw Object.assign(new Error('EIO: i/o error, setRawMode'), { code: 'EIO', syscall: 'setRawMode' });
    },
    resume() {},
    pause() {},
  });
  const code = await runCli(['watch', '--engine', 'native'], io);
  expect(heldDuringSession).toBe(true);
  expect(code).not.toBe(0);
  expect(io.err()).toContain('EIO');
  expect(existsSync(lockFile(workspace))).toBe(false);
});

it("a second watch in the same workspace is refused with exit 2, naming the holder's pid", async () => {
  const workspace = await sandbox.workspace();
  const { takeWatchLock } = await import('../../src/workspace/watch-lock.js');
  const first = takeWatchLock(workspace);
  try {
    const result = await sandbox.cli(['watch', '--manual-run'], workspace, { ADVPY_PYTHON: join(sandbox.root, 'no-python-needed') });
    expect(result.code).toBe(2);
    expect(result.err).toContain(`error: another advpy-kata watch (pid ${process.pid}, started `);
    expect(result.err).toContain(`delete ${lockFile(workspace)} and start again`);
    expect(result.out).toBe('');
  } finally {
    first.release();
  }
});
