/**
 * Reports come out whole when piped: on Linux and macOS Node writes to a pipe
 * asynchronously, and exiting before the reader has taken everything used to cut
 * `verify --reporter json` at a pipe-buffer boundary (64-256 KB).
 * Needs `npm run build` first (npm test does it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { memoryIo } from '../helpers/io.js';
import { testPython } from '../helpers/python.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
let root: string;
let workspace: string;
let env: NodeJS.ProcessEnv;

/** Exercise 01 with a wrapper that prints ~350 KB per call: every test carries a full capture of output. */
const NOISY_01 = `from collections.abc import Callable


def logged[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    def inner(*args: P.args, **kwargs: P.kwargs) -> R:
        for line in range(5000):
            print(f"noise {line:05d} " + "y" * 60)
        return fn(*args, **kwargs)

    return inner
`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'advpy-piped-'));
  workspace = join(root, 'ws');
  env = { ...process.env, ADVPY_PYTHON: await testPython(), ADVPY_CACHE_DIR: join(root, 'cache'), NO_COLOR: '1' };
  expect(await runCli(['init', workspace, '--no-git', '--no-install'], memoryIo(root, env))).toBe(0);
  writeFileSync(join(workspace, 'exercises', '01_decorators', '01_logged.py'), NOISY_01);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// verify checks all 38 exercises here: minutes on a loaded CI machine, not the default 2.
test('verify --reporter junit through a pipe read slowly: the whole report arrives, and the exit code is kept', { timeout: 600_000 }, async () => {
  // JUnit carries each test's captured output whole (JSON caps it at 500 characters, as exercism does).
  const child = spawn(process.execPath, [BIN, 'verify', '--reporter', 'junit'], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let stderr = '';
  // A reader that takes a while over each chunk, as `jq` on a busy machine would.
  child.stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 5);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  const text = Buffer.concat(chunks).toString('utf8');

  // Big enough that the old exit cut it: past the 64-256 KB boundaries.
  expect(text.length, stderr).toBeGreaterThan(300 * 1024);
  expect(text.trimEnd().endsWith('</testsuites>'), `the report ends with: ${text.slice(-200)}`).toBe(true);
  expect(text).toContain('noise 00000');
  expect(text).toContain('38_toolkit');
  // Stubs fail, so verify reports failure: waiting for the reader must not change the verdict.
  expect(code).toBe(1);
});
