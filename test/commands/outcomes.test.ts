/**
 * One fixture learner file per outcome (test/fixtures/outcomes), each run with
 * `advpy-kata run` in a real workspace against exercise 01's suite. Every
 * outcome must produce the message a learner needs, and the right exit code.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { memoryIo } from '../helpers/io.js';
import { testPython } from '../helpers/python.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'outcomes');
let root: string;
let workspace: string;
let python: string;

beforeAll(async () => {
  python = await testPython();
  root = mkdtempSync(join(tmpdir(), 'advpy-outcomes-'));
  workspace = join(root, 'ws');
  expect(await runCli(['init', workspace, '--no-git', '--no-install'], memoryIo(root))).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Engine = 'native' | 'embedded';

async function runFixture(fixture: string, engine: Engine): Promise<{ code: number; out: string; err: string; started: number }> {
  copyFileSync(join(FIXTURES, `${fixture}.py`), join(workspace, 'exercises', '01_decorators', '01_logged.py'));
  const io = memoryIo(workspace, { ADVPY_PYTHON: python, ADVPY_TIMEOUT_MS: '3000', ADVPY_CACHE_DIR: join(root, 'cache') });
  const started = Date.now();
  const code = await runCli(['run', '01', '--engine', engine], io);
  return { code, out: io.out(), err: io.err(), started };
}

// The same learner mistakes must read the same on both engines.
describe.each<Engine>(['native', 'embedded'])('advpy-kata run --engine %s explains every outcome', (engine) => {
  test('a passing file: every test ticked, exit 0, and the next exercise named', async () => {
    const { code, out } = await runFixture('passes', engine);
    expect(out).toContain('7 passed, 0 failed');
    expect(out).toContain('01_logged passed!');
    expect(out).toContain('Next up: 02_wraps');
    expect(code).toBe(0);
    const state = JSON.parse(readFileSync(join(workspace, '.advpy-kata', 'state.json'), 'utf8'));
    expect(state.exercises['01_logged'].status).toBe('done');
    expect(state.current).toBe('02_wraps');
  });

  test('a failing assertion: the suite message, the diff and what the code printed', async () => {
    const { code, out } = await runFixture('fails_assertion', engine);
    expect(out).toMatch(/✗ prints "calling <name>" before the wrapped function runs/);
    expect(out).toContain("the line came after fn's own output");
    expect(out).toContain('Your code printed:');
    expect(out).toMatch(/\d+ passed, \d+ failed/);
    expect(code).toBe(1);
  });

  test('a syntax error: the file and line, the offending code, and what to do', async () => {
    const { code, out } = await runFixture('syntax_error', engine);
    expect(out).toContain('could not be loaded, so no test ran');
    expect(out).toContain('SyntaxError');
    expect(out).toMatch(/01_logged\.py:4 in <module>/);
    expect(out).toContain('def logged(fn)');
    expect(out).toContain('Python could not parse your file');
    expect(code).toBe(1);
  });

  test('a habit from TS or Go: what the learner expected, what Python does, and the fix', async () => {
    const { code, out } = await runFixture('forgets_return', engine);
    expect(out).toContain("TypeError: 'NoneType' object is not callable");
    expect(out).toContain('Coming from TS/Go?');
    expect(out).toMatch(/decorator that forgets `return wrapper` returns None/);
    expect(out).toMatch(/Fix: end the decorator with/);
    expect(code).toBe(1);
  });

  test('an exception at import: the exception, the module-level line, and advice', async () => {
    const { code, out } = await runFixture('raises_at_import', engine);
    expect(out).toContain("KeyError: 'verbosity'");
    expect(out, 'a KeyError is explained for learners used to undefined').toContain('Indexing a dict with a missing key raises KeyError');
    expect(out).toMatch(/01_logged\.py:4 in <module>/);
    expect(out).toContain('while importing your file');
    expect(code).toBe(1);
  });

  test('an infinite loop: stopped at the time limit, with the stuck line shown', async () => {
    const { code, out, started } = await runFixture('infinite_loop', engine);
    expect(out).toContain('did not finish within 3 s');
    expect(out).toMatch(/stuck here: 01_logged\.py:(7|8) in wrapper/);
    expect(out).toContain("not run: this exercise's time limit (3 s) was used up");
    expect(out).not.toContain('session.py');
    expect(code).toBe(1);
    // The whole run is bounded by the suite's limit, not one limit per test.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  test('10 MB of output: cut at the cap with a visible note, and the run still finishes', async () => {
    const { code, out } = await runFixture('prints_10mb', engine);
    expect(out).toMatch(/output truncated: .*more character\(s\) not shown/);
    expect(out.length).toBeLessThan(2_000_000);
    expect(code).toBe(1);
  });

  test('sys.exit: reported as SystemExit with advice, not as a crash', async () => {
    const { code, out } = await runFixture('calls_sys_exit', engine);
    expect(out).toContain('SystemExit: 3');
    expect(out).toContain('Your code called sys.exit()');
    expect(code).toBe(1);
  });

  test('reading stdin: an immediate, explained EOFError instead of a hang', async () => {
    const { code, out } = await runFixture('reads_stdin', engine);
    expect(out).toContain('EOFError: this exercise has no keyboard input');
    expect(out).toMatch(/01_logged\.py:6 in wrapper/);
    expect(code).toBe(1);
  });
});

// Native only: in WebAssembly, address 0 is ordinary memory, so nothing crashes there.
describe('advpy-kata run --engine native explains a crash', () => {
  test('a segfault in C code: the signal, the line of the learner that called it, no runner files', async () => {
    const { code, out } = await runFixture('segfaults', 'native');
    expect(out).toContain('the Python process was killed by SIGSEGV');
    expect(out).toMatch(/crashed here: 01_logged\.py:8 in wrapper/);
    expect(out).toContain('read memory it must not');
    expect(out).not.toMatch(/session\.py|advpy_native\.py|Fatal Python error/);
    expect(code).toBe(1);
  });
});
