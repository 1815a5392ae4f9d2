/**
 * Strict and fair, proved: every exercise's suite must reject each plausible
 * wrong solution in test/course/variants/<id>/wrong_*.py and accept each
 * correct solution in another style, right_*.py. The first line of each
 * variant's docstring says what it gets wrong (or which style it uses).
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SuiteRunner } from '../../src/runner/suite-runner.js';
import { readCourse } from '../../src/workspace/course.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { testPython } from '../helpers/python.js';

const VARIANTS_DIR = join(PACKAGE_ROOT, 'test', 'course', 'variants');
const course = await readCourse();
const scratch = mkdtempSync(join(tmpdir(), 'advpy-variants-'));
let runner: SuiteRunner;
let python: string;

beforeAll(async () => {
  python = await testPython();
  runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'cache') });
});
afterAll(async () => {
  await runner.close();
  rmSync(scratch, { recursive: true, force: true });
});

function variantsOf(id: string): string[] {
  try {
    return readdirSync(join(VARIANTS_DIR, id)).filter((file) => file.endsWith('.py')).sort();
  } catch {
    return [];
  }
}

function describeVariant(path: string): string {
  const match = /"""(.*)/.exec(readFileSync(path, 'utf8'));
  return match?.[1]?.replace(/"""$/, '').trim() ?? '';
}

for (const exercise of course.exercises) {
  describe(exercise.id, () => {
    const variants = variantsOf(exercise.id);

    test('the reference solution passes', async () => {
      const outcome = await runner.run({ exercise, targetRoot: join(PACKAGE_ROOT, 'solutions'), engine: 'native', python });
      expect(outcome.kind, JSON.stringify(outcome, null, 1).slice(0, 3000)).toBe('passed');
    });

    test('the stub fails (it is not already solved)', async () => {
      const outcome = await runner.run({ exercise, targetRoot: join(PACKAGE_ROOT, 'exercises'), engine: 'native', python });
      expect(['failed', 'broken']).toContain(outcome.kind);
    });

    test('has at least three wrong solutions and one right one in another style', () => {
      expect(variants.filter((file) => file.startsWith('wrong_')).length).toBeGreaterThanOrEqual(3);
      expect(variants.filter((file) => file.startsWith('right_')).length).toBeGreaterThanOrEqual(1);
    });

    for (const file of variants) {
      const source = join(VARIANTS_DIR, exercise.id, file);
      const shouldPass = file.startsWith('right_');
      test(`${shouldPass ? 'accepts' : 'rejects'} ${file}: ${describeVariant(source)}`, async () => {
        const targetRoot = join(scratch, `${exercise.id}-${file}`);
        mkdirSync(join(targetRoot, exercise.chapter), { recursive: true });
        copyFileSync(source, join(targetRoot, exercise.workspacePath));
        const outcome = await runner.run({ exercise, targetRoot, engine: 'native', python });
        const failures =
          'tests' in outcome
            ? outcome.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.failure?.message ?? t.status}`)
            : [JSON.stringify(outcome)];
        if (shouldPass) expect(outcome.kind, `a correct solution was rejected:\n${failures.join('\n')}`).toBe('passed');
        else expect(['failed', 'broken'], 'a wrong solution passed the suite').toContain(outcome.kind);
      });
    }
  });
}
