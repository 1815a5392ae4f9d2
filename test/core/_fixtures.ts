/** Hand-built exercises, outcomes and interpreters for the core's table tests. */
import type { Capability } from '../../src/core/capabilities.js';
import { deriveExercise, type Exercise, type ManifestExercise } from '../../src/core/manifest.js';
import type { TestReport } from '../../src/core/outcome.js';
import type { BrokenPython, PythonSource, WorkingPython } from '../../src/core/python-choice.js';

export function exercise(number: number, name: string, overrides: Partial<ManifestExercise> = {}): Exercise {
  return deriveExercise({
    number,
    name,
    chapter: '01_decorators',
    title: `teaches ${name}`,
    hints: ['a nudge', 'nearly the answer'],
    requires: { python: '3.12', capabilities: [] },
    timeoutMs: 20_000,
    ...overrides,
  });
}

export function needing(capabilities: Capability[], python = '3.12'): Exercise {
  return exercise(1, 'x', { requires: { python, capabilities } });
}

/** Three exercises in order: 01_a, 02_b, 03_c. */
export const ABC: readonly Exercise[] = [exercise(1, 'a'), exercise(2, 'b'), exercise(3, 'c')];

export function testReport(name: string, status: TestReport['status'], extra: Partial<TestReport> = {}): TestReport {
  return { name, path: [], status, durationMs: 1, ...extra };
}

/** A probed interpreter, as discovery would report it: "3.13.1", "3.14.0t" (free-threaded). */
export function python(version: string, extra: Partial<WorkingPython> = {}): WorkingPython {
  const freeThreadingBuild = version.endsWith('t');
  const [major = 3, minor = 0, micro = 0] = version.replace(/t$/, '').split('.').map(Number);
  const path = `/opt/python${major}.${minor}${freeThreadingBuild ? 't' : ''}/bin/python3`;
  return {
    ok: true,
    path,
    source: 'path',
    realPath: path,
    implementation: 'cpython',
    version: { major, minor, micro },
    versionText: `${major}.${minor}.${micro}`,
    freeThreadingBuild,
    gilEnabled: !freeThreadingBuild,
    ...extra,
  };
}

export function broken(path: string, source: PythonSource = 'path'): BrokenPython {
  return { ok: false, path, source, problem: 'it did not start (ENOENT: no such file or command)' };
}
