/** One workspace, one watcher: the lock file, a live holder, a stale one, and release. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KataError } from '../../src/core/errors.js';
import { isProcessAlive, parseWatchLockOwner, takeWatchLock } from '../../src/workspace/watch-lock.js';

const root = mkdtempSync(join(tmpdir(), 'advpy-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;
const workspace = (): string => mkdtempSync(join(root, `ws${++count}-`));
const lockFile = (ws: string): string => join(ws, '.advpy-kata', 'watch.lock');
const HOST = 'here';
const START = new Date('2025-06-01T10:00:00.000Z');

function holder(ws: string, owner: object | string): void {
  mkdirSync(join(ws, '.advpy-kata'), { recursive: true });
  writeFileSync(lockFile(ws), typeof owner === 'string' ? owner : JSON.stringify(owner));
}

function refusal(run: () => unknown): KataError {
  try {
    run();
  } catch (error) {
    if (error instanceof KataError) return error;
    throw error;
  }
  throw new Error('expected the lock to be refused');
}

describe('takeWatchLock', () => {
  it('creates .advpy-kata/watch.lock naming the pid, start time and host, and release removes it', () => {
    const ws = workspace();
    const lock = takeWatchLock(ws, { pid: 4242, now: START, hostname: HOST });
    expect(lock.notes).toEqual([]);
    expect(JSON.parse(readFileSync(lockFile(ws), 'utf8'))).toEqual({ pid: 4242, startedAt: START.toISOString(), hostname: HOST });
    lock.release();
    expect(existsSync(lockFile(ws))).toBe(false);
    lock.release(); // twice is harmless
  });

  it('a second watcher is refused while the first one lives, naming its pid and what to do', () => {
    const ws = workspace();
    const first = takeWatchLock(ws, { pid: 4242, now: START, hostname: HOST, isAlive: () => true });
    const error = refusal(() => takeWatchLock(ws, { pid: 5353, hostname: HOST, isAlive: (pid) => pid === 4242 }));
    expect(error.code).toBe('WATCH_LOCKED');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`another advpy-kata watch (pid 4242, started ${START.toISOString()}) is already watching this workspace`);
    expect(error.hint).toBe(`Use that watcher, or quit it with q there. If it is no longer running, delete ${lockFile(ws)} and start again.`);
    // The refused watcher left the first one's lock alone.
    expect(parseWatchLockOwner(readFileSync(lockFile(ws), 'utf8'))?.pid).toBe(4242);
    first.release();
  });

  it('the real liveness check: this process holds it, so a second take in it is refused', () => {
    const ws = workspace();
    const lock = takeWatchLock(ws);
    expect(refusal(() => takeWatchLock(ws)).message).toContain(`pid ${process.pid}`);
    lock.release();
    expect(existsSync(lockFile(ws))).toBe(false);
  });

  it('a stale lock (its pid is gone) is taken over with a note', () => {
    const ws = workspace();
    holder(ws, { pid: 999_999, startedAt: '2025-01-01T00:00:00.000Z', hostname: HOST });
    const lock = takeWatchLock(ws, { pid: 4242, now: START, hostname: HOST, isAlive: () => false });
    expect(lock.notes).toEqual(['Took over the watch lock from pid 999999 (started 2025-01-01T00:00:00.000Z), which is no longer running.']);
    expect(parseWatchLockOwner(readFileSync(lockFile(ws), 'utf8'))).toEqual({ pid: 4242, startedAt: START.toISOString(), hostname: HOST });
    lock.release();
  });

  it.each([[''], ['{"pid": "x"}'], ['not json']])('an unreadable lock %j is replaced with a note', (text) => {
    const ws = workspace();
    holder(ws, text);
    const lock = takeWatchLock(ws, { pid: 4242, hostname: HOST });
    expect(lock.notes).toEqual([`An unreadable watch lock (${lockFile(ws)}) was replaced.`]);
    lock.release();
  });

  it('a lock from another host cannot be checked, so it is respected and the host is named', () => {
    const ws = workspace();
    holder(ws, { pid: 4242, startedAt: START.toISOString(), hostname: 'laptop' });
    const error = refusal(() => takeWatchLock(ws, { pid: 1, hostname: HOST, isAlive: () => false }));
    expect(error.message).toContain('(pid 4242 on laptop, started');
  });

  it('release never removes a lock that another watcher took over', () => {
    const ws = workspace();
    const lock = takeWatchLock(ws, { pid: 4242, now: START, hostname: HOST });
    holder(ws, { pid: 5353, startedAt: START.toISOString(), hostname: HOST });
    lock.release();
    expect(parseWatchLockOwner(readFileSync(lockFile(ws), 'utf8'))?.pid).toBe(5353);
  });

  it('release runs at process exit too (process.exit skips finally blocks)', () => {
    const ws = workspace();
    const before = process.listenerCount('exit');
    const lock = takeWatchLock(ws, { pid: 4242, hostname: HOST });
    expect(process.listenerCount('exit')).toBe(before + 1);
    process.listeners('exit').at(-1)!.call(process, 0 as never);
    expect(existsSync(lockFile(ws))).toBe(false);
    expect(process.listenerCount('exit')).toBe(before);
    lock.release();
  });

  it('when the lock cannot be written (a file where .advpy-kata should be), watch goes on without it and says so', () => {
    const ws = workspace();
    writeFileSync(join(ws, '.advpy-kata'), 'not a folder');
    const lock = takeWatchLock(ws, { pid: 4242, hostname: HOST });
    expect(lock.notes).toHaveLength(1);
    expect(lock.notes[0]).toMatch(/^Could not take the watch lock .*watch\.lock: .*\. A second watcher on this workspace would not be noticed\./);
    lock.release();
  });
});

describe('isProcessAlive', () => {
  it('this process is alive; a pid that cannot exist is not', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 1)).toBe(false);
  });
});
