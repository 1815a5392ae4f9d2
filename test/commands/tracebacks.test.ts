/**
 * Tracebacks for people, through `advpy-kata run` on both engines: the Python side
 * (python/_advpy_kata/errors.py) condenses, the renderer shows. Fixtures in
 * test/fixtures/tracebacks are exercise 01 with one kind of error each.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { memoryIo } from '../helpers/io.js';
import { testPython } from '../helpers/python.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'tracebacks');
let root: string;
let workspace: string;
let python: string;

beforeAll(async () => {
  python = await testPython();
  root = mkdtempSync(join(tmpdir(), 'advpy-tracebacks-'));
  workspace = join(root, 'ws');
  expect(await runCli(['init', workspace, '--no-git', '--no-install'], memoryIo(root))).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function runFixture(fixture: string, engine: 'native' | 'embedded'): Promise<string> {
  copyFileSync(join(FIXTURES, `${fixture}.py`), join(workspace, 'exercises', '01_decorators', '01_logged.py'));
  const io = memoryIo(workspace, { ADVPY_PYTHON: python, ADVPY_CACHE_DIR: join(root, 'cache'), NO_COLOR: '1' });
  expect(await runCli(['run', '01', '--engine', engine], io)).toBe(1);
  return io.out();
}

describe.each(['native', 'embedded'] as const)('on the %s engine', (engine) => {
  test('a RecursionError shows the repeating frame once, with a count', async () => {
    const out = await runFixture('recursion', engine);
    expect(out, out.slice(0, 3000)).toContain('RecursionError');
    const frames = out.match(/at exercises\/01_decorators\/01_logged\.py:7 in logged[^\n]*/g) ?? [];
    expect(frames.length).toBeGreaterThan(0);
    // One line per failing test, each with its count, never hundreds of lines.
    for (const line of frames) expect(line).toMatch(/\(repeated [\d,]+ times in a row\)/);
    expect(out.split('\n').length).toBeLessThan(400);
  });

  test('a chained exception shows its root cause and where it was raised', async () => {
    const out = await runFixture('chained', engine);
    expect(out).toContain('LookupError: no verbosity setting');
    expect(out).toMatch(/root cause, 2 exceptions down the chain: KeyError: 'verbosity'\n\s+at exercises\/01_decorators\/01_logged\.py:12 in _verbosity/);
  });

  test("a SyntaxError's caret sits under the column Python named, on an indented line", async () => {
    const out = await runFixture('indented_syntax_error', engine);
    expect(out).toContain('SyntaxError');
    const lines = out.split('\n');
    const code = lines.findIndex((line) => line.includes('print(f"calling {fn.__name__}"'));
    expect(code).toBeGreaterThan(-1);
    const caret = lines[code + 1] ?? '';
    expect(caret.trim()).toMatch(/^\^+$/);
    expect(caret.indexOf('^')).toBe((lines[code] ?? '').indexOf('('));
  });
});
