/**
 * Watch mode's saver with the write injected: ENOSPC, EACCES and EROFS keep the
 * state in memory, say so, and the next change or quit saves it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { State } from '../../src/core/state.js';
import { StateSaver } from '../../src/workspace/state-saver.js';
import { describeWriteError, stateNotSavedError } from '../../src/workspace/write-problems.js';
import { fsError } from './_errors.js';

const root = mkdtempSync(join(tmpdir(), 'advpy-saver-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FILE = '/ws/.advpy-kata/state.json';
const state = (current: string): State => ({ formatVersion: 2, current, exercises: {} });

/** A write that fails while `failing` names an errno code, and records what reached the disk. */
function fakeDisk() {
  const disk = { failing: undefined as string | undefined, written: [] as string[], tries: 0 };
  const write = async (file: string, value: State): Promise<void> => {
    disk.tries++;
    if (disk.failing !== undefined) throw fsError(disk.failing, 'open', `${file}.123.tmp`);
    disk.written.push(value.current);
  };
  return { disk, write };
}

describe('describeWriteError', () => {
  it.each([
    ['ENOSPC', 'the disk is full (ENOSPC)', 'Free some disk space'],
    ['EACCES', 'permission was denied (EACCES)', 'Make /ws/.advpy-kata writable for you'],
    ['EPERM', 'permission was denied (EPERM)', 'Make /ws/.advpy-kata writable for you'],
    ['EROFS', 'the file system is read-only (EROFS)', 'Remount it writable'],
    ['EIO', 'the write failed (EIO: i/o error', 'Check that /ws/.advpy-kata exists and is writable'],
  ])('%s: says what happened and what to do', (code, what, todo) => {
    const problem = describeWriteError(fsError(code, 'open', FILE), FILE);
    expect(problem.what).toContain(what);
    expect(problem.todo).toContain(todo);
  });

  it('a one-shot command stops with STATE_NOT_SAVED and exit 74, never 70', () => {
    const error = stateNotSavedError(FILE, fsError('ENOSPC', 'write', FILE));
    expect(error).toMatchObject({ code: 'STATE_NOT_SAVED', exitCode: 74 });
    expect(error.message).toBe(`your progress could not be saved to ${FILE}: the disk is full (ENOSPC). This command's change to your progress was not recorded`);
    expect(error.hint).toContain('Free some disk space, then run the same command again');
  });
});

describe('StateSaver', () => {
  it.each(['ENOSPC', 'EACCES', 'EROFS'])('%s: the save resolves as unsaved with a sentence; the next change writes the newest state', async (code) => {
    const { disk, write } = fakeDisk();
    let changes = 0;
    const saver = new StateSaver(FILE, { write, onChange: () => changes++ });

    disk.failing = code;
    const first = await saver.save(state('02_wraps'));
    expect(first.kind).toBe('unsaved');
    expect(saver.notice).toMatch(new RegExp(`^Your progress could not be saved to ${FILE}: .*\\(${code}\\)\\. It is kept in memory and saved at your next change and when you quit\\. `));
    expect(changes).toBe(1);
    expect(disk.written).toEqual([]);

    disk.failing = undefined;
    expect(await saver.save(state('03_cache'))).toEqual({ kind: 'saved' });
    expect(disk.written).toEqual(['03_cache']);
    expect(saver.notice).toBeUndefined();
    expect(changes).toBe(2);
  });

  it('quit retries the unsaved state, and a second flush with nothing pending writes nothing', async () => {
    const { disk, write } = fakeDisk();
    const saver = new StateSaver(FILE, { write });
    disk.failing = 'ENOSPC';
    await saver.save(state('02_wraps'));
    disk.failing = undefined;
    expect(await saver.close(state('02_wraps'))).toEqual({ kind: 'saved', note: 'Your progress is saved.' });
    expect(disk.written).toEqual(['02_wraps']);
    const tries = disk.tries;
    await saver.flush();
    expect(disk.tries).toBe(tries);
  });

  it('saves in order and coalesces: the newest state is the one left on disk', async () => {
    const { disk, write } = fakeDisk();
    const saver = new StateSaver(FILE, { write });
    const results = await Promise.all(['01', '02', '03', '04'].map((id) => saver.save(state(id))));
    expect(results.every((result) => result.kind === 'saved')).toBe(true);
    expect(disk.written.at(-1)).toBe('04');
    expect(disk.written.length).toBeLessThan(4);
  });

  it('a write that never succeeds: quit keeps a rescue copy and says how to put it back', async () => {
    const { disk, write } = fakeDisk();
    const rescueDir = mkdtempSync(join(root, 'rescue-'));
    const saver = new StateSaver(FILE, { write, rescueDir });
    disk.failing = 'EROFS';
    const final = await saver.close(state('05_retry'));
    expect(final.kind).toBe('unsaved');
    if (final.kind !== 'unsaved') return;
    const [copy] = readdirSync(rescueDir);
    expect(final.rescue).toBe(join(rescueDir, copy!));
    expect(JSON.parse(readFileSync(final.rescue!, 'utf8'))).toEqual(state('05_retry'));
    expect(final.note).toContain(`Your progress could not be saved to ${FILE}: the file system is read-only (EROFS). A copy is kept in ${final.rescue}.`);
    expect(final.note).toContain(`\`cp "${final.rescue}" "${FILE}"\``);
  });

  it('when not even a rescue copy can be written, quit names verify, which restores done exercises', async () => {
    const { disk, write } = fakeDisk();
    const notADir = join(root, 'a-file');
    writeFileSync(notADir, '');
    const saver = new StateSaver(FILE, { write, rescueDir: join(notADir, 'sub') });
    disk.failing = 'ENOSPC';
    const final = await saver.close(state('05_retry'));
    expect(final).toEqual({
      kind: 'unsaved',
      note: `Your progress could not be saved to ${FILE}: the disk is full (ENOSPC). No copy could be written elsewhere either. Free some disk space, then run \`advpy-kata verify\`: it marks every exercise that passes as done again.`,
    });
  });

  it('a non-file-system failure (a newer state file appeared) is kept in memory too, with its own advice', async () => {
    const { KataError } = await import('../../src/core/errors.js');
    const saver = new StateSaver(FILE, {
      write: async () => {
        throw new KataError('STATE_TOO_NEW', 'Your progress file was written by a newer advpy-kata.', 'Upgrade: `npm install advpy-kata@latest`.');
      },
    });
    const result = await saver.save(state('01'));
    expect(result.kind).toBe('unsaved');
    expect(saver.notice).toContain('Your progress file was written by a newer advpy-kata. It is kept in memory');
  });
});
