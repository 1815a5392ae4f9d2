/**
 * The watch screen fits a 120x45 terminal for every failing stub of exercises
 * 01-16: the built CLI in a pseudo-terminal, real CPython. Each screen is checked
 * as drawn (the bytes after the last clear): no more rows than the terminal has,
 * no line wider than it, the header on the first row, and none of Vitest's wording.
 * Needs `npm run build` first (npm test does it).
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { STATE_FORMAT_VERSION } from '../../src/core/state.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { visibleWidth } from '../../src/ui/layout.js';
import { memoryIo } from '../helpers/io.js';
import { PtySession } from '../helpers/pty.js';
import { testPython } from '../helpers/python.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
const SIZE = { columns: 120, rows: 45 };
const CLEAR = '\u001b[2J';
let root: string;
let workspace: string;
let env: NodeJS.ProcessEnv;

interface CourseEntry {
  id: string;
  workspacePath: string;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'advpy-watch-fit-'));
  workspace = join(root, 'ws');
  expect(await runCli(['init', workspace, '--no-git', '--no-install'], memoryIo(root))).toBe(0);
  env = { ...process.env, ADVPY_PYTHON: await testPython(), ADVPY_CACHE_DIR: join(root, 'cache'), FORCE_COLOR: '0', NO_COLOR: '1' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function firstSixteen(): CourseEntry[] {
  const course = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'course', 'course.json'), 'utf8')) as { exercises: Array<{ number: number; name: string; chapter: string }> };
  return course.exercises
    .filter((exercise) => exercise.number <= 16)
    .map((exercise) => {
      const id = `${String(exercise.number).padStart(2, '0')}_${exercise.name}`;
      return { id, workspacePath: join(exercise.chapter, `${id}.py`) };
    });
}

test('every failing stub of 01-16 gets a screen that fits 120x45, header first, in our words', async () => {
  const entries = firstSixteen();
  expect(entries).toHaveLength(16);
  // 01-15 done and 16 current: every one is unlocked, and a save shows it.
  const exercises = Object.fromEntries(entries.map((entry, index) => [entry.id, { status: index < 15 ? 'done' : 'pending', hintsShown: 0, attempts: 0 }]));
  writeFileSync(join(workspace, '.advpy-kata', 'state.json'), JSON.stringify({ formatVersion: STATE_FORMAT_VERSION, current: entries[15]?.id, exercises }));

  const session = new PtySession(`node ${BIN}`, workspace, env, SIZE);
  try {
    // The session opens on 16; the others are shown by saving them, once it is watching.
    const order = [entries[15] as CourseEntry, ...entries.slice(0, 15)];
    for (const [index, entry] of order.entries()) {
      const verdict = new RegExp(`advpy-kata • ${entry.id}[^\\n]*\\n[\\s\\S]*(\\d+ passed, \\d+ failed|could not be loaded|did not finish)[\\s\\S]*q quit`);
      const mark = session.mark();
      const rawMark = session.raw().length;
      if (index > 0) appendFileSync(join(workspace, 'exercises', entry.workspacePath), '\n');
      await session.waitFor(verdict, mark, 60_000);
      // Give the drawing a moment to finish writing its last bytes.
      await session.waitFor(/q quit[^\n]*\n/, mark);
      const frames = session.raw().slice(rawMark).split(CLEAR);
      const screen = frames.findLast((frame) => verdict.test(stripVTControlCharacters(frame)));
      expect(screen, `no complete screen for ${entry.id}`).toBeDefined();
      const lines = stripVTControlCharacters((screen ?? '').replace(/\u001b\]8;;[^\u0007]*\u0007/g, '')).replace(/\r/g, '').replace(/\n$/, '').split('\n');
      const shown = lines.join('\n');
      expect(lines.length, `${entry.id} has ${lines.length} rows:\n${shown}`).toBeLessThanOrEqual(SIZE.rows - 1);
      for (const line of lines) expect(visibleWidth(line), `${entry.id}: too wide: ${line}`).toBeLessThanOrEqual(SIZE.columns);
      expect(lines[0], shown).toMatch(new RegExp(`^advpy-kata • ${entry.id}`));
      expect(shown, `${entry.id} shows Vitest's wording:\n${shown}`).not.toMatch(/Object\.is|deeply equal|strictly equal|\bto be\b/);
    }
    session.press('q');
    expect(await session.exited).toBe(0);
  } finally {
    session.kill();
  }
}, 600_000);
