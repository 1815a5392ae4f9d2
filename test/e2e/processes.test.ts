/**
 * The built CLI as a process: what it loads, and what it leaves behind.
 * Needs `npm run build` first (npm test does it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { STATE_FORMAT_VERSION } from '../../src/core/state.js';
import { memoryIo } from '../helpers/io.js';
import { testPython } from '../helpers/python.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
const RECORD = join(PACKAGE_ROOT, 'test', 'fixtures', 'record-imports.mjs');
let root: string;
let workspace: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'advpy-procs-'));
  workspace = join(root, 'ws');
  env = { ...process.env, ADVPY_PYTHON: await testPython(), ADVPY_CACHE_DIR: join(root, 'cache'), NO_COLOR: '1' };
  expect(await runCli(['init', workspace, '--no-git', '--no-install'], memoryIo(root, env))).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('commands that run nothing load nothing heavy', () => {
  const HEAVY = /^(vitest|chokidar|pyodide|pyright)(\/|$)/;

  function importsOf(args: string[]): string[] {
    const log = join(root, `imports-${args.join('-').replace(/\W/g, '')}.txt`);
    writeFileSync(log, '');
    const result = spawnSync(process.execPath, ['--import', RECORD, BIN, ...args], { cwd: workspace, env: { ...env, ADVPY_IMPORT_LOG: log } });
    expect(result.status, String(result.stderr)).toBe(0);
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  }

  test.each([[['hint', '01']], [['list']], [['solution', '01', '--force']], [['--help']], [['list', '--json']]])('%j', (args) => {
    expect(importsOf(args).filter((specifier) => HEAVY.test(specifier))).toEqual([]);
  });

  test('while run does load Vitest (so the check above can fail)', () => {
    const log = join(root, 'imports-run.txt');
    writeFileSync(log, '');
    spawnSync(process.execPath, ['--import', RECORD, BIN, 'run', '01'], { cwd: workspace, env: { ...env, ADVPY_IMPORT_LOG: log } });
    expect(readFileSync(log, 'utf8')).toMatch(/^vitest\/node$/m);
  });
});

test('a reader that closes the pipe early (| head -1) ends the command quietly', () => {
  const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" list --help | head -1; echo "status=\${PIPESTATUS[0]}"`], {
    cwd: workspace,
    env,
    encoding: 'utf8',
  });
  expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
  expect(result.stdout).toMatch(/^Usage: advpy-kata list/);
  expect(result.stdout).toMatch(/status=0\n$/);
});

test('SIGTERM during a hang exits 143 and leaves no Python running', async () => {
  copyFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'outcomes', 'infinite_loop.py'), join(workspace, 'exercises', '01_decorators', '01_logged.py'));
  const child = spawn(process.execPath, [BIN, 'run', '01'], { cwd: workspace, env: { ...env, ADVPY_TIMEOUT_MS: '60000' }, stdio: 'pipe' });
  const bridges = (): string[] =>
    spawnSync('pgrep', ['-f', 'advpy_native.py'], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((pid) => pid !== '' && spawnSync('readlink', [`/proc/${pid}/cwd`], { encoding: 'utf8' }).stdout.startsWith(workspace));
  const deadline = Date.now() + 20_000;
  while (bridges().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(bridges().length).toBeGreaterThan(0);
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  expect(code).toBe(143);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(bridges()).toEqual([]);
});

test('Ctrl-C during a hang exits 130, keeps progress, and leaves no Python running', async () => {
  copyFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'outcomes', 'infinite_loop.py'), join(workspace, 'exercises', '01_decorators', '01_logged.py'));
  const child = spawn(process.execPath, [BIN, 'run', '01'], { cwd: workspace, env: { ...env, ADVPY_TIMEOUT_MS: '60000' }, stdio: 'pipe' });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Bridge processes of this test's workspace (the bridge runs in the exercise's folder).
  const bridges = (): string[] =>
    spawnSync('pgrep', ['-f', 'advpy_native.py'], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((pid) => pid !== '' && spawnSync('readlink', [`/proc/${pid}/cwd`], { encoding: 'utf8' }).stdout.startsWith(workspace));
  // Wait until the bridge is up and spinning in the learner's loop.
  const deadline = Date.now() + 20_000;
  while (bridges().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(bridges().length).toBeGreaterThan(0);
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  expect(code).toBe(130);
  expect(output).toContain('Interrupted');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(bridges()).toEqual([]);
  expect(JSON.parse(readFileSync(join(workspace, '.advpy-kata', 'state.json'), 'utf8')).formatVersion).toBe(STATE_FORMAT_VERSION);
});
