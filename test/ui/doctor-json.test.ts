/** `doctor --json` as data: table tests over hand-made interpreters and exercises. */
import { describe, expect, it } from 'vitest';
import type { EngineChoice } from '../../src/core/config.js';
import { planEngine } from '../../src/core/engine-plan.js';
import type { ProbedPython } from '../../src/core/python-choice.js';
import { doctorJson } from '../../src/ui/doctor-json.js';
import { broken, exercise, python } from '../core/_fixtures.js';

const DEFAULT = python('3.13.1');
const OLD = python('3.11.4');
const FREE = python('3.14.0t');
const MISSING = broken('/nowhere/python3');
const FOUND: ProbedPython[] = [OLD, FREE, DEFAULT, MISSING];

const PLAIN = exercise(1, 'plain');
const THREADS = exercise(2, 'threads', { requires: { python: '3.12', capabilities: ['threads'] } });
const FREE_THREADING = exercise(3, 'parallel', { requires: { python: '3.13', capabilities: ['free-threading'] } });

function report(engine: EngineChoice, found: readonly ProbedPython[] = FOUND) {
  const plans = [PLAIN, THREADS, FREE_THREADING].map((entry) => ({ exercise: entry, plan: planEngine(entry, engine, found) }));
  return doctorJson({ node: 'v20.19.0', platform: 'linux', engine, workspaceRoot: undefined, pythons: found, plans, pyodideVersion: '314.0.7', resident: { state: 'not running', socket: '/run/advpy.sock', idleSeconds: 600 } });
}

describe('doctorJson', () => {
  const auto = report('auto');

  it('lists every Python in the order tried, with version, source and capabilities', () => {
    expect(auto.pythons.map((entry) => entry.path)).toEqual(FOUND.map((entry) => entry.path));
    expect(auto.pythons[2]).toEqual({
      path: DEFAULT.path,
      source: 'path',
      ok: true,
      realPath: DEFAULT.path,
      implementation: 'cpython',
      version: '3.13.1',
      versionInfo: { major: 3, minor: 13, micro: 1 },
      freeThreadingBuild: false,
      gilEnabled: true,
      capabilities: ['threads', 'processes', 'typecheck'],
      used: true,
    });
    expect(auto.pythons[1], 'a free-threaded build has the free-threading capability').toMatchObject({
      version: '3.14.0',
      freeThreadingBuild: true,
      gilEnabled: false,
      capabilities: ['threads', 'processes', 'free-threading', 'typecheck'],
      used: true,
    });
  });

  it('says why a Python cannot run the course, and why one did not start', () => {
    expect(auto.pythons[0]).toMatchObject({ ok: true, used: false, unfit: expect.stringContaining('too old: this course needs 3.12 or newer (PEP 695 syntax)') });
    expect(auto.pythons[3]).toEqual({ path: '/nowhere/python3', source: 'path', ok: false, problem: expect.stringContaining('did not start') });
    expect(auto.pythons[2], 'a Python that fits has no unfit reason').not.toHaveProperty('unfit');
  });

  it('names the engine and the Python of each exercise, preferring a default build unless free threading is needed', () => {
    expect(auto.exercises).toEqual([
      { exercise: '01_plain', engine: 'native', python: DEFAULT.path, why: expect.any(String) },
      { exercise: '02_threads', engine: 'native', python: DEFAULT.path, why: expect.any(String) },
      { exercise: '03_parallel', engine: 'native', python: FREE.path, why: expect.stringContaining('free-threaded') },
    ]);
    expect(auto).toMatchObject({ formatVersion: 1, engine: 'auto', workspace: null, ok: true });
  });

  it('on the embedded engine: what it can do, and which exercises cannot run there and how to fix that', () => {
    const embedded = report('embedded');
    expect(embedded.embedded).toEqual({ pyodide: '314.0.7', python: '3.14', capabilities: ['typecheck'] });
    expect(embedded.exercises[0]).toEqual({ exercise: '01_plain', engine: 'embedded', why: 'chosen with --engine embedded' });
    expect(embedded.exercises[1]).toMatchObject({ exercise: '02_threads', engine: 'none', reason: expect.stringContaining('needs native CPython'), fix: expect.stringContaining('Install') });
    expect(embedded.ok, 'ok is false while an exercise cannot run').toBe(false);
    expect(embedded.pythons.every((entry) => !entry.ok || !entry.used), 'no native Python is used on the embedded engine').toBe(true);
  });

  it('is plain JSON: what is printed parses back to the same value', () => {
    expect(JSON.parse(JSON.stringify(auto))).toEqual(auto);
  });
});
