/**
 * The reference solutions are what learners imitate once they pass, so every one
 * must pass `pyright --strict` at the course's minimum Python (3.12). One pyright
 * run over solutions/ (test/course/pyrightconfig.strict.json); each error is
 * listed as file:line with pyright's message.
 */
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { execute } from '../../src/engine/processes.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

interface PyrightJson {
  summary: { filesAnalyzed: number; errorCount: number };
  generalDiagnostics: { file: string; severity: string; message: string; rule?: string; range: { start: { line: number } } }[];
}

test('every reference solution passes pyright --strict (Python 3.12)', async () => {
  const pyright = join(dirname(createRequire(import.meta.url).resolve('pyright/package.json')), 'index.js');
  const config = join(PACKAGE_ROOT, 'test', 'course', 'pyrightconfig.strict.json');
  const result = await execute(process.execPath, [pyright, '--outputjson', '-p', config], {
    description: 'pyright --strict over solutions/',
    cwd: PACKAGE_ROOT,
    timeoutMs: 120_000,
    maxOutputBytes: 8 * 1024 * 1024,
  });
  expect(result.code === 0 || result.code === 1, `pyright itself failed: ${result.stderr || result.stdout}`).toBe(true);
  const report = JSON.parse(result.stdout) as PyrightJson;
  const errors = report.generalDiagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${relative(PACKAGE_ROOT, d.file)}:${d.range.start.line + 1}: ${d.message.replaceAll('\n', ' ')} (${d.rule ?? 'syntax'})`);
  // An empty analysis would pass vacuously: the solutions folder must really have been read.
  expect(report.summary.filesAnalyzed, 'pyright analysed no solution files; check the include path').toBeGreaterThanOrEqual(29);
  expect(errors, 'solutions must be clean under pyright --strict').toEqual([]);
});
