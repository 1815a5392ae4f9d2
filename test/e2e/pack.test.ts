/**
 * How learners meet us: `npx advpy-kata` from the packed tarball, in a temporary
 * folder, with real CPython. Needs `npm run build` first (npm test does it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { testPython } from '../helpers/python.js';

let scratch: string;
let tarball: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  expect(existsSync(join(PACKAGE_ROOT, 'dist', 'cli', 'main.js')), 'run `npm run build` before the e2e tests').toBe(true);
  scratch = mkdtempSync(join(tmpdir(), 'advpy-pack-'));
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
  const file = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
  if (!file) throw new Error('npm pack produced no tarball');
  tarball = join(scratch, file);
  env = { ...process.env, ADVPY_PYTHON: await testPython(), ADVPY_CACHE_DIR: join(scratch, 'cache'), NO_COLOR: '1' };
  delete env.FORCE_COLOR;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function npx(cwd: string, ...args: string[]): { status: number | null; out: string } {
  const result = spawnSync('npx', ['--yes', '--package', tarball, 'advpy-kata', ...args], { cwd, env, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

test('the tarball ships the built CLI, the bridge and the course, but no sources or project tests', () => {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  expect(listing).toContain('package/LICENSE');
  expect(listing).toContain('package/dist/cli/main.js');
  expect(listing).toContain('package/python/_advpy_kata/session.py');
  expect(listing).toContain('package/course/course.json');
  expect(listing).toContain('package/exercises/01_decorators/01_logged.test.ts');
  expect(listing).toContain('package/solutions/01_decorators/01_logged.py');
  expect(listing.some((entry) => entry.startsWith('package/src/'))).toBe(false);
  expect(listing.some((entry) => entry.startsWith('package/test/'))).toBe(false);
});

test('npx advpy-kata: init, then run fails on the stub and passes on a solution', () => {
  const init = npx(scratch, 'init', 'ws');
  expect(init.out).toContain('Created your advpy-kata workspace');
  expect(init.status).toBe(0);
  const workspace = join(scratch, 'ws');
  expect(existsSync(join(workspace, 'exercises', '01_decorators', '01_logged.py'))).toBe(true);
  expect(existsSync(join(workspace, 'exercises', '01_decorators', '01_logged.test.ts'))).toBe(false);

  const failing = npx(workspace, 'run');
  expect(failing.out).toMatch(/✗ prints "calling <name>" before the wrapped function runs/);
  expect(failing.status).toBe(1);

  copyFileSync(join(PACKAGE_ROOT, 'solutions', '01_decorators', '01_logged.py'), join(workspace, 'exercises', '01_decorators', '01_logged.py'));
  const passing = npx(workspace, 'run', '01');
  expect(passing.out).toContain('01_logged passed!');
  expect(passing.status).toBe(0);
  // Three npx starts from a tarball: on a loaded 2-core machine that outlasts the default 2 minutes.
}, 300_000);
