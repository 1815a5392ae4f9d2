/**
 * The save watcher on a real folder: every save that changes an exercise's file is
 * reported, even one that comes right after the last (as a fast verdict invites).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { watchSaves, type SaveWatcher } from '../../src/watch/watcher.js';

const scratch = mkdtempSync(join(tmpdir(), 'advpy-watcher-'));
let watcher: SaveWatcher | undefined;

afterEach(async () => {
  await watcher?.close();
  rmSync(scratch, { recursive: true, force: true });
});

test('a save made just after the last one was reported is reported too', async () => {
  mkdirSync(join(scratch, '01_decorators'), { recursive: true });
  const file = join(scratch, '01_decorators', '01_logged.py');
  writeFileSync(file, 'first = 0\n');
  const saves: string[] = [];
  watcher = await watchSaves({
    root: scratch,
    idsByPath: new Map([['01_decorators/01_logged.py', '01_logged']]),
    onSave: (id) => {
      saves.push(id);
      // Within chokidar's 50 ms of silence after the change it reported.
      if (saves.length === 1) writeFileSync(file, 'second = 2\n');
    },
  });
  writeFileSync(file, 'first = 1\n');
  await expect.poll(() => saves.length, { timeout: 10_000 }).toBe(2);
});
