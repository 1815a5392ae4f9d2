/**
 * Watch mode's spare native interpreter (native-spare.ts): taken by the next start with
 * the same options, never by another, never when dead, and always fresh.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { NativeOptions } from '../../src/engine/native.js';
import { listenForChildReports } from '../../src/engine/processes.js';
import { discardNativeSpare, prepareNativeSpare, startNativeEarly, takeNativeSpare } from '../../src/engine/native-spare.js';
import { testPython } from '../helpers/python.js';

let dir: string;
let options: NativeOptions;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'advpy-spare-'));
  options = { python: await testPython(), cwd: dir, outputCap: 1000 };
});
afterEach(() => discardNativeSpare());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Prepare a spare and wait until it has really started (it starts after a short delay). */
async function prepared(with_: NativeOptions): Promise<void> {
  prepareNativeSpare(with_);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

test('nothing is taken when nothing was prepared', async () => {
  expect(await takeNativeSpare(options)).toBeUndefined();
});

test('a prepared spare is taken once, has imported nothing of the learner, and imports the file as saved now', async () => {
  const path = join(dir, 'lesson.py');
  writeFileSync(path, 'value = "before"\n');
  await prepared(options);
  // The learner saves after the spare started: the import must see the new content.
  writeFileSync(path, 'value = "after"\n');
  const spare = await takeNativeSpare(options);
  expect(spare).toBeDefined();
  try {
    expect(await spare?.request({ op: 'eval', code: '"ex" in globals()' }, 5000)).toMatchObject({ ok: true, value: false });
    expect(await spare?.request({ op: 'import', path }, 5000)).toMatchObject({ ok: true });
    expect(await spare?.request({ op: 'eval', code: 'ex.value' }, 5000)).toMatchObject({ ok: true, value: 'after' });
  } finally {
    await spare?.close();
  }
  expect(await takeNativeSpare(options)).toBeUndefined();
});

test('a spare has imported asyncio while it waited, and the learner sees no sign of being asked to; an interpreter started early for a run has not', async () => {
  const state = 'sorted(name for name in ("asyncio",) if name in __import__("sys").modules), "ADVPY_PRELOAD" in __import__("os").environ';
  await prepared(options);
  const spare = await takeNativeSpare(options);
  try {
    expect(await spare?.request({ op: 'eval', code: state }, 5000)).toMatchObject({ ok: true, value: [['asyncio'], false] });
  } finally {
    await spare?.close();
  }
  startNativeEarly(options);
  const early = await takeNativeSpare(options);
  try {
    expect(await early?.request({ op: 'eval', code: state }, 5000)).toMatchObject({ ok: true, value: [[], false] });
  } finally {
    await early?.close();
  }
});

test('a spare prepared for another folder, interpreter or runner is not taken', async () => {
  const others: NativeOptions[] = [
    { ...options, cwd: tmpdir() },
    { ...options, reportTo: 'another-runner' },
    { ...options, outputCap: 5 },
  ];
  for (const other of others) {
    await prepared(other);
    expect(await takeNativeSpare(options)).toBeUndefined();
  }
});

test('a spare that died while it waited (a cancelled run ends every reported process) is not taken', async () => {
  const registry = listenForChildReports();
  try {
    const reported = { ...options, reportTo: registry.channel };
    await prepared(reported);
    await expect.poll(() => registry.size).toBe(1);
    registry.endAll();
    // The kill is SIGKILL from outside; its exit is noticed on the next turns of the loop.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await takeNativeSpare(reported)).toBeUndefined();
  } finally {
    registry.close();
  }
});

test('a spare taken before its start came due is not waited for: the run starts its own', async () => {
  prepareNativeSpare(options);
  expect(await takeNativeSpare(options)).toBeUndefined();
});
