/**
 * The kit's pyright helper: diagnostics mapped back to the learner's file, and
 * results cached by content so an unchanged re-run does not start pyright.
 * These run the CLI path (the server is off); pyright-server.test.ts covers the
 * warm server and shows it says the same.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { execute } from '../../src/engine/processes.js';
import { runPyright, snippetLine, SNIPPET_PATH, type PyrightRequest } from '../../src/testing/typecheck.js';

// Count pyright starts without changing how they happen.
vi.mock('../../src/engine/processes.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/processes.js')>();
  return { ...actual, execute: vi.fn(actual.execute) };
});
const executeSpy = vi.mocked(execute);

const scratch = mkdtempSync(join(tmpdir(), 'advpy-typecheck-test-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const MODULE = `
def double(n: int) -> int:
    return n * 2


def broken() -> str:
    return 42
`;

const SNIPPET = `
  from typing import reveal_type

  import exercise

  reveal_type(exercise.double(2))
  exercise.double("two")  # bad-call
`;

let counter = 0;
/** A learner file whose name is not a Python identifier, and a cache folder of its own. */
function fixture(source = MODULE): Omit<PyrightRequest, 'snippet'> {
  const folder = join(scratch, String(counter++));
  mkdirSync(folder, { recursive: true });
  const modulePath = join(folder, '04_sample.py');
  writeFileSync(modulePath, source);
  return { modulePath, cacheDir: join(folder, 'cache') };
}

beforeEach(() => {
  executeSpy.mockClear();
  vi.stubEnv('ADVPY_PYRIGHT_SERVER', '0');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('runPyright', () => {
  test('maps module diagnostics to the real path and snippet diagnostics to 1-based snippet lines', async () => {
    const base = fixture();
    const result = await runPyright({ ...base, snippet: SNIPPET });

    const moduleError = result.diagnostics.find((d) => d.origin === 'module');
    expect(moduleError).toMatchObject({
      file: base.modulePath,
      line: 7,
      severity: 'error',
      rule: 'reportReturnType',
    });

    const badCall = result.diagnostics.find((d) => d.origin === 'snippet' && d.severity === 'error');
    expect(badCall).toMatchObject({
      file: SNIPPET_PATH,
      line: snippetLine(SNIPPET, '# bad-call'),
      rule: 'reportArgumentType',
    });
    expect(badCall?.message).toContain("Literal['two']");

    const revealed = result.diagnostics.find((d) => d.severity === 'information' && d.message.startsWith('Type of'));
    expect(revealed?.message).toContain('"int"');
    expect(result.pyrightVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('an unchanged re-run is answered from the cache without starting pyright', async () => {
    const base = fixture();
    const cold = await runPyright({ ...base, snippet: SNIPPET });
    expect(cold.cached).toBe(false);
    expect(cold.via).toBe('cli');
    expect(executeSpy).toHaveBeenCalledTimes(1);

    const warm = await runPyright({ ...base, snippet: SNIPPET });
    expect(warm.cached).toBe(true);
    expect(warm.via).toBe('cache');
    expect(executeSpy, 'the cached run must not start pyright').toHaveBeenCalledTimes(1);
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    expect(warm.durationMs).toBeLessThan(cold.durationMs);

    const entries = readdirSync(join(base.cacheDir, 'typecheck'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^[0-9a-f]{64}\.json$/);
  });

  test('the cache entry is keyed by content, not path: a copy elsewhere maps to its own path', async () => {
    const first = fixture();
    await runPyright({ ...first, snippet: SNIPPET });
    const second = { ...fixture(), cacheDir: first.cacheDir };
    const result = await runPyright({ ...second, snippet: SNIPPET });
    expect(result.cached).toBe(true);
    expect(result.diagnostics.find((d) => d.origin === 'module')?.file).toBe(second.modulePath);
  });

  test('changing the learner source, the snippet or the settings runs pyright again', async () => {
    const base = fixture();
    await runPyright({ ...base, snippet: SNIPPET });
    expect(executeSpy).toHaveBeenCalledTimes(1);

    const changedSnippet = await runPyright({ ...base, snippet: SNIPPET + '\nexercise.double(3)\n' });
    expect(changedSnippet.cached).toBe(false);

    const changedSettings = await runPyright({ ...base, snippet: SNIPPET, settings: { analyzeUnannotatedFunctions: false } });
    expect(changedSettings.cached).toBe(false);

    writeFileSync(base.modulePath, MODULE.replace('return 42', 'return "fixed"'));
    const changedSource = await runPyright({ ...base, snippet: SNIPPET });
    expect(changedSource.cached).toBe(false);
    expect(changedSource.diagnostics.filter((d) => d.origin === 'module' && d.severity === 'error')).toEqual([]);

    expect(executeSpy).toHaveBeenCalledTimes(4);
    expect(readdirSync(join(base.cacheDir, 'typecheck'))).toHaveLength(4);
  });

  test('concurrent requests for the same content share one pyright run', async () => {
    const base = fixture();
    const [a, b] = await Promise.all([runPyright({ ...base, snippet: SNIPPET }), runPyright({ ...base, snippet: SNIPPET })]);
    expect(executeSpy).toHaveBeenCalledTimes(1);
    expect(a.diagnostics).toEqual(b.diagnostics);
  });

  test('pyright is started with Node through execute(), in Python 3.12 mode', async () => {
    const base = fixture(`
def newest[T](items: list[T]) -> T:
    return items[-1]
`);
    const result = await runPyright({ ...base, snippet: 'import exercise\n' });
    expect(executeSpy).toHaveBeenCalledTimes(1);
    expect(executeSpy.mock.calls[0]?.[0]).toBe(process.execPath);
    // PEP 695 syntax is an error below 3.12, so a clean result shows the version took effect.
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const old = await runPyright({ ...base, snippet: 'import exercise\n', pythonVersion: '3.11' });
    expect(old.diagnostics.some((d) => d.origin === 'module' && d.severity === 'error')).toBe(true);
  });

  test('rejects a module name that is not a Python identifier', async () => {
    await expect(runPyright({ ...fixture(), snippet: '', moduleName: '04_typed' })).rejects.toThrow(/identifier/);
  });
});
