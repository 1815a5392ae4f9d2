/**
 * Choosing the Python for the course from the interpreters discovery found: pure
 * data in, a choice with reasons out. Finding and probing them is IO and lives in
 * `src/engine/discover.ts`.
 */
import { CAPABILITIES, type Capability } from './capabilities.js';

/** Where a candidate was found. Listed in priority order. */
export type PythonSource = 'option' | 'env' | 'uv' | 'pyenv' | 'py-launcher' | 'path-versioned' | 'path';

/** An interpreter worth probing. */
export interface PythonCandidate {
  /** Absolute, except that `--python` and ADVPY_PYTHON may name a command on PATH. */
  path: string;
  source: PythonSource;
}

export interface PythonVersion {
  major: number;
  minor: number;
  micro: number;
}

/** A candidate that ran the probe. */
export interface WorkingPython extends PythonCandidate {
  ok: true;
  /** `sys.executable` with symlinks resolved: candidates with the same realPath are one Python. */
  realPath: string;
  /** `platform.python_implementation()` in lower case: "cpython", "pypy", ... */
  implementation: string;
  version: PythonVersion;
  /** As `python --version` prints it: "3.13.0", "3.14.0rc1". */
  versionText: string;
  /** Built with the GIL optional (3.13t and later, PEP 703). */
  freeThreadingBuild: boolean;
  /** False only when a free-threaded build really runs without the GIL. */
  gilEnabled: boolean;
}

/** A candidate that could not run the probe. */
export interface BrokenPython extends PythonCandidate {
  ok: false;
  /** Why, as a clause about the interpreter: "it did not start (ENOENT)". */
  problem: string;
}

export type ProbedPython = WorkingPython | BrokenPython;

/** What the course (or one exercise) needs from an interpreter. */
export interface PythonNeed {
  /** Oldest acceptable `[major, minor]`. */
  minVersion: readonly [number, number];
  /** Why that minimum, named in messages: "PEP 695 syntax". */
  minVersionReason?: string;
  capabilities: readonly Capability[];
}

export interface PythonChoice {
  /** Absent when nothing fits, or when the Python the learner named does not. */
  chosen?: WorkingPython & { why: string };
  /** Every interpreter that does not meet the need, in priority order. */
  rejected: Array<{ python: ProbedPython; why: string }>;
}

/** How each source is named in messages. */
const SOURCE_NAMES: Record<PythonSource, string> = {
  option: '--python',
  env: 'ADVPY_PYTHON',
  uv: 'uv',
  pyenv: 'pyenv',
  'py-launcher': 'py launcher',
  'path-versioned': 'PATH',
  path: 'PATH',
};

function isNamedByLearner(source: PythonSource): boolean {
  return source === 'option' || source === 'env';
}

/**
 * Pick the first interpreter, in priority order, that meets the need. When the
 * learner named one (`--python`, else ADVPY_PYTHON), only that one may be chosen:
 * silently running a different Python than the one asked for would be worse
 * than stopping with the reason. Unless the need is free threading, a default
 * (GIL) build is preferred to a free-threaded one found earlier: C extensions
 * and the course's own timings assume the build most people run.
 */
export function choosePython(found: readonly ProbedPython[], need: PythonNeed): PythonChoice {
  const named = found.find((python) => isNamedByLearner(python.source));
  const rejected: PythonChoice['rejected'] = [];
  const fits: WorkingPython[] = [];
  for (const python of found) {
    const verdict = judgePython(python, need);
    if (!verdict.fits) {
      const why = isNamedByLearner(python.source) ? renderNamedRejection(python, verdict.why) : verdict.why;
      rejected.push({ python, why });
    } else if (named === undefined || python === named) {
      fits.push(verdict.python);
    }
  }
  const wantsFreeThreading = need.capabilities.includes('free-threading');
  const best = (wantsFreeThreading ? undefined : fits.find((python) => !python.freeThreadingBuild)) ?? fits[0];
  return best === undefined ? { rejected } : { chosen: { ...best, why: renderChoiceReason(best, need) }, rejected };
}

function judgePython(
  python: ProbedPython,
  need: PythonNeed,
): { fits: true; python: WorkingPython } | { fits: false; why: string } {
  if (!python.ok) return { fits: false, why: python.problem };
  if (python.implementation !== 'cpython') {
    return { fits: false, why: `it is ${python.implementation} ${python.versionText}, and this course needs CPython` };
  }
  const [major, minor] = need.minVersion;
  const { version } = python;
  if (version.major < major || (version.major === major && version.minor < minor)) {
    const reason = need.minVersionReason === undefined ? '' : ` (${need.minVersionReason})`;
    return {
      fits: false,
      why: `Python ${python.versionText} is too old: this course needs ${major}.${minor} or newer${reason}`,
    };
  }
  for (const capability of need.capabilities) {
    const missing = findMissingCapability(python, capability);
    if (missing !== undefined) return { fits: false, why: missing };
  }
  return { fits: true, python };
}

/** What a working interpreter can do, of the capabilities exercises may ask for. */
export function capabilitiesOf(python: WorkingPython): Capability[] {
  return CAPABILITIES.filter((capability) => findMissingCapability(python, capability) === undefined);
}

function findMissingCapability(python: WorkingPython, capability: Capability): string | undefined {
  switch (capability) {
    case 'free-threading':
      return python.freeThreadingBuild
        ? undefined
        : `Python ${python.versionText} is not a free-threaded build, which this exercise needs ` +
            '(try `uv python install 3.13t`)';
    case 'threads':
    case 'processes':
    case 'typecheck':
      // Any working CPython has these.
      return undefined;
  }
}

function renderNamedRejection(python: ProbedPython, why: string): string {
  const name = SOURCE_NAMES[python.source];
  const undo = python.source === 'option' ? 'leave --python out' : 'unset ADVPY_PYTHON';
  return (
    `the Python given with ${name} (${python.path}) cannot be used: ${why}. ` +
    `Point ${name} at another Python, or ${undo} to let advpy-kata search.`
  );
}

function renderChoiceReason(python: WorkingPython, need: PythonNeed): string {
  if (isNamedByLearner(python.source)) return `chosen with ${SOURCE_NAMES[python.source]}`;
  const kind = need.capabilities.includes('free-threading') ? 'free-threaded Python' : 'Python';
  const [major, minor] = need.minVersion;
  return `first ${kind} ${major}.${minor} or newer found (${SOURCE_NAMES[python.source]})`;
}
