/**
 * On the embedded engine, the exercises that need native CPython (30, 31, 34) do
 * not block the course: watch mode says why, s skips them (marked skipped, never
 * done), `list` shows them apart, and they are offered again once a native Python
 * is there. The built CLI in a pseudo-terminal. Needs `npm run build` first.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { STATE_FORMAT_VERSION } from '../../src/core/state.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { memoryIo } from '../helpers/io.js';
import { PtySession } from '../helpers/pty.js';
import { testPython } from '../helpers/python.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
let root: string;
let workspace: string;
let python: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'advpy-native-only-'));
  workspace = join(root, 'ws');
  expect(await runCli(['init', workspace, '--no-git', '--no-install'], memoryIo(root))).toBe(0);
  python = await testPython();
  // Everything before 30 is done, so 30 is current.
  const course = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'course', 'course.json'), 'utf8')) as { exercises: Array<{ number: number; name: string }> };
  const exercises = Object.fromEntries(
    course.exercises.map((exercise) => [`${String(exercise.number).padStart(2, '0')}_${exercise.name}`, { status: exercise.number < 30 ? 'done' : 'pending', hintsShown: 0, attempts: 0 }]),
  );
  writeFileSync(join(workspace, '.advpy-kata', 'state.json'), JSON.stringify({ formatVersion: STATE_FORMAT_VERSION, current: '30_threads_for_io', exercises }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function readState(): { current: string; exercises: Record<string, { status: string }> } {
  return JSON.parse(readFileSync(join(workspace, '.advpy-kata', 'state.json'), 'utf8')) as { current: string; exercises: Record<string, { status: string }> };
}

test('embedded: s moves past 30 and 31, which stay skipped; with a native Python they are offered again', async () => {
  const env = { ...process.env, ADVPY_CACHE_DIR: join(root, 'cache'), FORCE_COLOR: '0', NO_COLOR: '1' };
  delete env.ADVPY_PYTHON;
  const embedded = new PtySession(`node ${BIN} watch --engine embedded`, workspace, env, { columns: 120, rows: 45 });
  try {
    let mark = embedded.mark();
    await embedded.waitFor(/advpy-kata • 30_threads_for_io[\s\S]*needs native CPython[\s\S]*Press s to skip it for now[\s\S]*s skip for now/, mark, 60_000);
    mark = embedded.mark();
    embedded.press('s');
    await embedded.waitFor(/advpy-kata • 31_processes_for_cpu[\s\S]*needs native CPython/, mark, 60_000);
    mark = embedded.mark();
    embedded.press('s');
    // 32 runs on the embedded engine: its stub fails like any other.
    await embedded.waitFor(/advpy-kata • 32_gather_limit[\s\S]*\d+ passed, \d+ failed[\s\S]*\(2 skipped\)/, mark, 120_000);
    embedded.press('q');
    expect(await embedded.exited).toBe(0);
  } finally {
    embedded.kill();
  }
  const state = readState();
  expect(state.exercises['30_threads_for_io']?.status).toBe('skipped');
  expect(state.exercises['31_processes_for_cpu']?.status).toBe('skipped');
  expect(state.current).toBe('32_gather_limit');

  const listed = memoryIo(workspace, env);
  await runCli(['list'], listed);
  expect(listed.out()).toMatch(/30\s+05_concurrency\s+threads_for_io\s+○ skipped \(needs native CPython\)/);
  expect(listed.out()).toContain('2 skipped until a native CPython is found');

  // A native Python now: the skipped ones are open again, the first of them shown.
  const native = new PtySession(`node ${BIN} watch`, workspace, { ...env, ADVPY_PYTHON: python }, { columns: 120, rows: 45 });
  try {
    const mark = native.mark();
    await native.waitFor(/advpy-kata • 30_threads_for_io[\s\S]*A native CPython is here now, so 30_threads_for_io, 31_processes_for_cpu can run/, mark, 60_000);
    native.press('q');
    expect(await native.exited).toBe(0);
  } finally {
    native.kill();
  }
  expect(readState().exercises['30_threads_for_io']?.status).toBe('pending');
}, 300_000);
