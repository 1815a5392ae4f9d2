import { join } from 'node:path';
import { test } from 'vitest';
import { copyFileSync, mkdirSync } from 'node:fs';
import { SuiteRunner } from '../src/runner/suite-runner.js';
import { readCourse } from '../src/workspace/course.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { disposeEmbeddedPool } from '../src/engine/embedded.js';
test('t', { timeout: 600000 }, async () => {
  const course = await readCourse();
  const runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: '/tmp/emb-cache' });
  const exercise = course.exercises.find((e) => e.id === '37_data_structures')!;
  mkdirSync('/tmp/only37/06_performance', { recursive: true });
  copyFileSync(join(PACKAGE_ROOT, 'test/course/variants/37_data_structures/wrong_top_k_count_each_unique.py'), '/tmp/only37/06_performance/37_data_structures.py');
  for (const [root, only] of [['/tmp/only37', /^top_k is at least 10x faster/], [join(PACKAGE_ROOT, 'solutions'), /is at least 10x faster/]] as const) {
    const out = await runner.run({ exercise, targetRoot: root, engine: 'embedded', only });
    console.log('RESULT', out.kind, JSON.stringify('tests' in out ? out.tests.filter(t => t.status !== 'skipped').map(t => [t.path, t.name, t.status, t.failure?.message?.slice(0, 300)]) : out).slice(0, 2500));
  }
  await runner.close(); await disposeEmbeddedPool();
});
