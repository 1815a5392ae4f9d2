/**
 * Exercise 36 shows the learner's own profile after `run`, pass or fail: their
 * functions by own time, drawn as bars. It is recorded by the suite's ratio test
 * (py.recordProfile), so this checks the suite and the runner together.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { testPython } from '../helpers/python.js';
import { Sandbox } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

const FILE = join('exercises', '06_performance', '36_profile.py');
const CAPTION = 'Your report on 1,200 orders: own time per function, most first';
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  env = { ADVPY_PYTHON: await testPython(), NO_COLOR: '1', COLUMNS: '100' };
}, 240_000);

/** The chart's rows: the lines after the caption, up to the next blank or verdict line. */
function chartRows(out: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf(CAPTION);
  if (start < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!/^\S.*\(.*:\d+\)\s/.test(line)) break;
    rows.push(line);
  }
  return rows;
}

describe.each(['native', 'embedded'])('advpy-kata run 36 --engine %s', (engine) => {
  test('a passing solution: the chart follows the verdict and names its functions from its own file', async () => {
    const workspace = await sandbox.workspace(env);
    copyFileSync(join(PACKAGE_ROOT, 'solutions', FILE.replace(/^exercises[\\/]/, '')), join(workspace, FILE));
    const result = await sandbox.cli(['run', '36', '--engine', engine], workspace, env);
    expect(result.code, result.out + result.err).toBe(0);
    expect(result.out, 'the chart caption').toContain(CAPTION);
    const rows = chartRows(result.out);
    expect(rows.length, `chart rows:\n${result.out}`).toBeGreaterThan(0);
    expect(rows.some((row) => row.startsWith('report (36_profile.py:')), rows.join('\n')).toBe(true);
    expect(rows.every((row) => row.length <= 100), `rows fit 100 columns:\n${rows.join('\n')}`).toBe(true);
  }, 240_000);

  test('a correct but slow report: the ratio test fails, and chart and message both name report as the hot spot', async () => {
    const workspace = await sandbox.workspace(env);
    copyFileSync(join(PACKAGE_ROOT, 'test', 'course', 'variants', '36_profile', 'wrong_report_micro_optimised.py'), join(workspace, FILE));
    const result = await sandbox.cli(['run', '36', '--engine', engine], workspace, env);
    expect(result.code, result.out + result.err).toBe(1);
    expect(result.out).toMatch(/✗ report › is at least 10x faster/);
    expect(result.out).toContain("Your report's hottest function (cProfile, own time): report,");
    // Its loop over every order for every day is all in report itself.
    expect(chartRows(result.out)[0], result.out).toMatch(/^report \(36_profile\.py:\d+\)/);
  }, 240_000);
});
