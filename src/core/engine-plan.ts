/**
 * Which engine runs an exercise, decided as data before anything runs:
 * native CPython when one meets the exercise's `requires`, else the embedded
 * Python when the exercise needs nothing it lacks, else a clear "cannot run here".
 */
import type { EngineChoice } from './config.js';
import { CAPABILITIES, type Capability } from './capabilities.js';
import type { Exercise } from './manifest.js';
import { choosePython, type ProbedPython, type WorkingPython } from './python-choice.js';

export type EnginePlan =
  | { engine: 'native'; python: WorkingPython; why: string }
  | { engine: 'embedded'; why: string }
  | { engine: 'none'; reason: string; fix: string };

/** The embedded engine (Pyodide, WebAssembly) cannot start threads or processes. */
const NATIVE_ONLY: readonly Capability[] = ['threads', 'processes', 'free-threading'];
export const EMBEDDED_PYTHON = '3.14';
/** What the embedded Python can do, of the capabilities exercises may ask for. */
export const EMBEDDED_CAPABILITIES: readonly Capability[] = CAPABILITIES.filter((capability) => !NATIVE_ONLY.includes(capability));

export function parseMinVersion(text: string): [number, number] {
  const [major, minor] = text.split('.').map(Number);
  return [major ?? 3, minor ?? 0];
}

export function planEngine(exercise: Exercise, choice: EngineChoice, found: readonly ProbedPython[]): EnginePlan {
  const needsNative = exercise.requires.capabilities.filter((capability) => NATIVE_ONLY.includes(capability));
  const minVersion = parseMinVersion(exercise.requires.python);
  const native = choosePython(found, {
    minVersion,
    minVersionReason: minVersion[1] >= 12 ? 'PEP 695 syntax' : undefined,
    capabilities: exercise.requires.capabilities,
  });
  const installFix = needsNative.includes('free-threading')
    ? 'Install a free-threaded CPython, e.g. `uv python install 3.14t`, then run `advpy-kata doctor`.'
    : 'Install CPython 3.12 or newer, e.g. `uv python install 3.13` (or `pyenv install 3.13`), then run `advpy-kata doctor`.';
  const [embeddedMajor, embeddedMinor] = parseMinVersion(EMBEDDED_PYTHON);
  const embeddedNewEnough = embeddedMajor > minVersion[0] || (embeddedMajor === minVersion[0] && embeddedMinor >= minVersion[1]);
  const embeddedOk = needsNative.length === 0 && embeddedNewEnough;
  const embeddedWhyNot = !embeddedNewEnough
    ? `${exercise.id} needs Python ${exercise.requires.python}, newer than the embedded Python ${EMBEDDED_PYTHON}`
    : `${exercise.id} needs native CPython (it uses ${needsNative.join(', ')}, which the embedded Python cannot do)`;

  switch (choice) {
    case 'native':
      if (native.chosen) return { engine: 'native', python: native.chosen, why: native.chosen.why };
      return { engine: 'none', reason: `no native Python can run ${exercise.id}: ${firstReason(native.rejected)}`, fix: installFix };
    case 'embedded':
      if (embeddedOk) return { engine: 'embedded', why: 'chosen with --engine embedded' };
      return { engine: 'none', reason: embeddedWhyNot, fix: installFix };
    case 'auto':
      if (native.chosen) return { engine: 'native', python: native.chosen, why: native.chosen.why };
      if (embeddedOk) {
        return { engine: 'embedded', why: `no native Python fits (${firstReason(native.rejected)}), so the embedded Python ${EMBEDDED_PYTHON} runs it` };
      }
      return { engine: 'none', reason: `${embeddedWhyNot}, and no native Python fits: ${firstReason(native.rejected)}`, fix: installFix };
  }
}

function firstReason(rejected: ReadonlyArray<{ why: string }>): string {
  return rejected[0]?.why ?? 'no Python was found';
}
