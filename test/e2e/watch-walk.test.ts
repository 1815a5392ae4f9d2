/**
 * The whole course in watch mode, as a learner walks it: the built CLI in a
 * pseudo-terminal on native CPython, each exercise's reference solution saved in
 * turn, `n` to move on, until the finish screen. It proves that every exercise
 * unlocks the next, that nothing in watch mode blocks the way from 01 to 38, and
 * that the finish screen reports the walk. Needs `npm run build` (npm test does it).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { readCourse } from '../../src/workspace/course.js';
import { memoryIo } from '../helpers/io.js';
import { PtySession } from '../helpers/pty.js';
import { testPython } from '../helpers/python.js';
import { escapeRegExp as literal } from '../helpers/regexp.js';

const course = await readCourse();
const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
let root: string;
let workspace: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'advpy-walk-'));
  workspace = join(root, 'ws');
  expect(await runCli(['init', workspace, '--no-git', '--no-install'], memoryIo(root))).toBe(0);
  env = { ...process.env, ADVPY_PYTHON: await testPython(), ADVPY_CACHE_DIR: join(root, 'cache'), FORCE_COLOR: '0', NO_COLOR: '1' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test(`a learner walks 01 to ${course.exercises.length} in watch mode and reaches the finish screen`, { timeout: 900_000 }, async () => {
  const session = new PtySession(`node ${BIN} watch --engine native`, workspace, env, { columns: 120, rows: 45 });
  try {
    const [first] = course.exercises;
    // The stub's failing verdict comes first: one failed run on the way, counted on the finish screen.
    await session.waitFor(new RegExp(`${first?.id}[\\s\\S]*\\d+ passed, [1-9]\\d* failed[\\s\\S]*q quit`), 0, 60_000);
    for (const [index, exercise] of course.exercises.entries()) {
      const mark = session.mark();
      copyFileSync(join(PACKAGE_ROOT, 'solutions', exercise.workspacePath), join(workspace, 'exercises', exercise.workspacePath));
      const last = index === course.exercises.length - 1;
      await session.waitFor(last ? /You finished all \d+ exercises![\s\S]*q quit/ : new RegExp(`${exercise.id} passes![\\s\\S]*n next`), mark, 90_000);
      if (!last) {
        const moved = session.mark();
        session.press('n');
        const next = course.exercises[index + 1];
        await session.waitFor(new RegExp(`advpy-kata • ${next?.id}[\\s\\S]*q quit`), moved, 60_000);
      }
    }
    const finish = session.text().slice(session.text().lastIndexOf('You finished all'));
    expect(finish).toContain(`You finished all ${course.exercises.length} exercises!`);
    for (const chapter of course.manifest.chapters) {
      const count = course.exercises.filter((exercise) => exercise.chapter === chapter.id).length;
      expect(finish, `the finish screen's line for ${chapter.id}`).toMatch(new RegExp(`${literal(chapter.title)}\\s+${count}/${count} done, \\d+ failed run\\(s\\) on the way`));
    }
    expect(finish, "01's stub failed before its solution was saved").toMatch(new RegExp(`${literal(course.manifest.chapters[0]?.title ?? '')}\\s+\\d+/\\d+ done, [1-9]\\d* failed run`));
    const learned = course.manifest.chapters.map((chapter) => chapter.learned.split(' ').slice(0, 3).join(' '));
    for (const words of learned) expect(finish.replace(/\s+/g, ' '), 'what each chapter taught').toContain(words);

    session.press('q');
    expect(await session.exited).toBe(0);
    const state = JSON.parse(readFileSync(join(workspace, '.advpy-kata', 'state.json'), 'utf8')) as { exercises: Record<string, { status: string }> };
    expect(Object.entries(state.exercises).filter(([, progress]) => progress.status !== 'done').map(([id]) => id), 'exercises not done').toEqual([]);
  } finally {
    session.kill();
  }
});
