/**
 * Finding the Pythons a learner's machine has, where their tools put them, and
 * choosing one for the course.
 *
 * Decide, then do: `gatherFacts` reads the disk, `planCandidates` orders what it
 * found (pure), `probePython` asks each interpreter what it is, and
 * `choosePython` picks one (pure). Every process starts through `execute`.
 */
import { statSync } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { join, posix, win32 } from 'node:path';
import { z } from 'zod';
import type { Capability } from '../core/capabilities.js';
import { PYTHON_BRIDGE_DIR } from '../package-root.js';
import { execute, type ExecuteResult } from './processes.js';

/** Where a candidate was found. Listed in priority order. */
export type PythonSource = 'option' | 'env' | 'uv' | 'pyenv' | 'py-launcher' | 'path-versioned' | 'path';

/** An interpreter worth probing. */
export interface PythonCandidate {
  /** Absolute, except that `--python` and ADVPY_PYTHON may name a command on PATH. */
  path: string;
  source: PythonSource;
}

/** What planning needs to know about the machine, gathered beforehand by {@link gatherFacts}. */
export interface DiscoveryFacts {
  platform: NodeJS.Platform;
  /** The `--python` option. */
  explicit?: string;
  /** The ADVPY_PYTHON environment variable. */
  envPython?: string;
  /** Interpreters in uv's install directory, in any order. */
  uvPythons: string[];
  /** Interpreters in pyenv's `versions` directory, in any order. */
  pyenvPythons: string[];
  /** What `py -0p` listed, in its order (Windows only). */
  pyLauncherPythons: string[];
  /** PATH's directories, in order. */
  pathEntries: string[];
  /** Whether a file is there; used to look names up on PATH. */
  exists: (path: string) => boolean;
}

/** Names that say their version, newest first: likelier to be a course-ready Python than plain `python3`. */
const VERSIONED_NAMES = ['python3.14', 'python3.13', 'python3.12'] as const;
const PLAIN_NAMES = ['python3', 'python'] as const;

/** Every interpreter to probe, highest priority first, each path once. */
export function planCandidates(facts: DiscoveryFacts): PythonCandidate[] {
  const from = (source: PythonSource, paths: readonly (string | undefined)[]): PythonCandidate[] =>
    paths.flatMap((path) => (path === undefined ? [] : [{ path, source }]));
  const onPath = (names: readonly string[]): (string | undefined)[] =>
    names.map((name) => findOnPath(name, facts));
  return dedupeByPath(
    [
      ...from('option', [facts.explicit]),
      ...from('env', [facts.envPython]),
      ...from('uv', newestFirst(facts.uvPythons)),
      ...from('pyenv', newestFirst(facts.pyenvPythons)),
      ...from('py-launcher', facts.platform === 'win32' ? facts.pyLauncherPythons : []),
      ...from('path-versioned', onPath(VERSIONED_NAMES)),
      ...from('path', onPath(PLAIN_NAMES)),
    ],
    facts.platform,
  );
}

function findOnPath(name: string, facts: DiscoveryFacts): string | undefined {
  const path = pathFor(facts.platform);
  const file = facts.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of facts.pathEntries) {
    // An empty entry means the current directory: never run a `python` that happens to sit there.
    if (dir === '' || isPyenvShims(dir)) continue;
    const candidate = path.join(dir, file);
    if (facts.exists(candidate)) return candidate;
  }
  return undefined;
}

/**
 * pyenv's shims (also pyenv-virtualenv's and pyenv-win's) are dispatcher scripts:
 * slow to start, and they run whichever version pyenv selects for the current
 * folder. The real interpreters come from the `versions` directory instead.
 */
function isPyenvShims(dir: string): boolean {
  const segments = dir.toLowerCase().split(/[\\/]+/).filter(Boolean);
  return segments.at(-1) === 'shims' && segments.some((segment) => segment.includes('pyenv'));
}

function dedupeByPath(candidates: readonly PythonCandidate[], platform: NodeJS.Platform): PythonCandidate[] {
  const seen = new Set<string>();
  return candidates.filter(({ path }) => {
    // Windows paths are case-insensitive.
    const key = platform === 'win32' ? path.toLowerCase() : path;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Interpreters sorted by the version in their install directory's name, newest first. */
function newestFirst(paths: readonly string[]): string[] {
  const keyed = paths.map((path) => ({ path, key: installVersionKey(installName(path)) }));
  keyed.sort((a, b) => compareKeysDescending(a.key, b.key) || a.path.localeCompare(b.path));
  return keyed.map(({ path }) => path);
}

/** The install directory's name: `<name>/bin/python3` on POSIX, `<name>/python.exe` on Windows. */
function installName(path: string): string {
  const segments = path.split(/[\\/]+/).slice(0, -1);
  if (segments.at(-1) === 'bin') segments.pop();
  return segments.at(-1) ?? '';
}

/**
 * A sortable key for an install directory's name: `[major, minor, micro, final, default build]`.
 * Reads "3.13.0", "cpython-3.13.1-linux-x86_64-gnu", "3.14t", "3.14.0rc1",
 * "cpython-3.13.0+freethreaded-macos-aarch64-none". Undefined when there is no version.
 */
function installVersionKey(name: string): number[] | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?(\S*)/.exec(name);
  if (!match) return undefined;
  const rest = match[4] ?? '';
  const prerelease = /^(a|b|rc)\d|^-dev/.test(rest);
  const freeThreaded = /^t\b|freethreaded/.test(rest);
  // At equal versions, a final release beats a pre-release, and the default build a
  // free-threaded one: exercises that need free threading ask for it explicitly.
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0), prerelease ? 0 : 1, freeThreaded ? 0 : 1];
}

function compareKeysDescending(a: number[] | undefined, b: number[] | undefined): number {
  // Names without a version ("miniconda3-latest", a virtualenv's name) go last.
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (b[i] ?? 0) - (a[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function pathFor(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

/** What {@link gatherFacts} and {@link discoverPythons} read from the machine. */
export interface GatherOptions {
  /** The `--python` option, if given. */
  explicit?: string;
  /** Usually `process.env`; read for ADVPY_PYTHON, PATH and the uv and pyenv locations. */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The user's home directory (`os.homedir()`). */
  home: string;
}

/** Read where interpreters may be. Missing directories and a missing `py` are ordinary: they yield nothing. */
export async function gatherFacts(options: GatherOptions): Promise<DiscoveryFacts> {
  const { env, platform, home } = options;
  const path = pathFor(platform);
  const windows = platform === 'win32';
  // Inside an install directory: `<name>/bin/python3` on POSIX, `<name>/python.exe` on Windows.
  const executable = windows ? ['python.exe'] : ['bin', 'python3'];
  const [uvPythons, pyenvPythons, pyLauncherPythons] = await Promise.all([
    readInterpreters(uvInstallDir(env, platform, home), executable),
    readInterpreters(path.join(pyenvRoot(env, platform, home), 'versions'), executable),
    windows ? executePyLauncherList() : Promise.resolve([]),
  ]);
  return {
    platform,
    explicit: options.explicit,
    // An empty variable is how people unset it in a shell profile.
    envPython: env.ADVPY_PYTHON || undefined,
    uvPythons,
    pyenvPythons,
    pyLauncherPythons,
    pathEntries: (env.PATH ?? env.Path ?? '').split(path.delimiter),
    exists: isFile,
  };
}

/**
 * Where `uv python install` puts interpreters. Reading the directory rather than
 * running `uv python list` finds them even when uv itself is not on PATH.
 * https://docs.astral.sh/uv/reference/storage/#python-versions
 */
function uvInstallDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (env.UV_PYTHON_INSTALL_DIR) return env.UV_PYTHON_INSTALL_DIR;
  if (platform === 'win32') {
    return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), 'uv', 'data', 'python');
  }
  return posix.join(env.XDG_DATA_HOME || posix.join(home, '.local', 'share'), 'uv', 'python');
}

/** pyenv's root; pyenv-win keeps its versions one level further down. */
function pyenvRoot(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (env.PYENV_ROOT) return env.PYENV_ROOT;
  return platform === 'win32' ? win32.join(home, '.pyenv', 'pyenv-win') : posix.join(home, '.pyenv');
}

/** `<dir>/*\/<executable...>` that are files, in name order. */
async function readInterpreters(dir: string, executable: readonly string[]): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => !name.startsWith('.')) // uv keeps its lock and scratch space here
    .sort()
    .map((name) => join(dir, name, ...executable))
    .filter(isFile);
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

async function executePyLauncherList(): Promise<string[]> {
  const result = await execute('py', ['-0p'], {
    description: 'listing Pythons with the py launcher (py -0p)',
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  return result.code === 0 ? parsePyLauncherList(result.stdout) : [];
}

/**
 * The interpreter paths in `py -0p` output, in its order. Two formats exist:
 *
 *      -V:3.13 *        C:\Python313\python.exe          (launcher 3.11 and later, install manager)
 *      -3.9-64        C:\Python39\python.exe *           (older launchers)
 */
export function parsePyLauncherList(text: string): string[] {
  const paths: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const path = /^\s*-\S+(?:\s+\*)?\s+(.+?\.exe)(?:\s+\*)?\s*$/i.exec(line)?.[1];
    if (path !== undefined) paths.push(path);
  }
  return paths;
}

/** Longest a probe (or `py -0p`) may take; a healthy interpreter answers in well under a second. */
export const PROBE_TIMEOUT_MS = 5_000;
const PROBE_SCRIPT = join(PYTHON_BRIDGE_DIR, 'advpy_probe.py');

/** What `python/advpy_probe.py` prints. */
const ProbeReportSchema = z.object({
  version: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  releaselevel: z.string(),
  serial: z.number().int(),
  implementation: z.string(),
  executable: z.string(),
  freeThreadingBuild: z.boolean(),
  gilEnabled: z.boolean(),
  platform: z.string(),
});
export type ProbeReport = z.infer<typeof ProbeReportSchema>;

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

/** Ask one interpreter what it is. Never rejects: a broken interpreter is an ordinary answer. */
export async function probePython(candidate: PythonCandidate): Promise<ProbedPython> {
  // No -E or -I: the probe must see the environment the bridge will run in (PYTHON_GIL, for one).
  const result = await execute(candidate.path, [PROBE_SCRIPT], {
    description: `probing Python at ${candidate.path}`,
    timeoutMs: PROBE_TIMEOUT_MS,
    maxOutputBytes: 64 * 1024,
  });
  const parsed = parseProbeResult(result);
  if (!parsed.ok) return { ok: false, ...candidate, problem: parsed.problem };
  const { report } = parsed;
  const [major, minor, micro] = report.version;
  return {
    ok: true,
    ...candidate,
    realPath: await resolveRealPath(report.executable || candidate.path),
    implementation: report.implementation,
    version: { major, minor, micro },
    versionText: renderVersionText(report),
    freeThreadingBuild: report.freeThreadingBuild,
    gilEnabled: report.gilEnabled,
  };
}

/** Glosses for the spawn errors a learner is likely to meet. */
const START_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or command',
  EACCES: 'not allowed to run it',
};

/** Turn a finished probe into its report, or a clause saying what went wrong. */
export function parseProbeResult(
  result: ExecuteResult,
): { ok: true; report: ProbeReport } | { ok: false; problem: string } {
  const fail = (problem: string) => ({ ok: false, problem }) as const;
  if (result.timedOut) return fail(`it timed out after ${PROBE_TIMEOUT_MS / 1000} s`);
  if (result.code === null && result.signal === null) {
    // `execute` reports a failed start as no code, no signal and the reason in stderr.
    // Node ends the message with the error code: "spawn /x/python3 ENOENT".
    const code = /\b(E[A-Z]+)\s*$/.exec(result.stderr)?.[1];
    if (code === undefined) return fail(`it did not start (${result.stderr.trim()})`);
    const gloss = START_ERRORS[code];
    return fail(`it did not start (${gloss === undefined ? code : `${code}: ${gloss}`})`);
  }
  if (result.signal !== null) return fail(`it was killed by ${result.signal}`);
  if (result.code !== 0) {
    const said = lastLine(result.stderr);
    return fail(`it exited with code ${result.code}${said === undefined ? '' : ` (${said})`}`);
  }
  // The report is the last line: a noisy sitecustomize may print before it.
  const line = lastLine(result.stdout) ?? '';
  const parsed = ProbeReportSchema.safeParse(parseJson(line));
  if (!parsed.success) {
    return fail(`it answered the probe with something unexpected: ${JSON.stringify(line.slice(0, 80))}`);
  }
  return { ok: true, report: parsed.data };
}

function lastLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const RELEASE_LEVEL_SUFFIXES: Record<string, string> = { alpha: 'a', beta: 'b', candidate: 'rc' };

function renderVersionText({ version, releaselevel, serial }: ProbeReport): string {
  const suffix = RELEASE_LEVEL_SUFFIXES[releaselevel];
  return version.join('.') + (suffix === undefined ? '' : `${suffix}${serial}`);
}

async function resolveRealPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/**
 * Every interpreter on this machine, probed, in priority order. Probes run in
 * parallel (they are independent); an interpreter reached by several paths
 * (symlinks, uv's minor-version links) is kept once, at its highest priority.
 */
export async function discoverPythons(options: GatherOptions): Promise<ProbedPython[]> {
  const candidates = planCandidates(await gatherFacts(options));
  const probed = await Promise.all(candidates.map(probePython));
  const seen = new Set<string>();
  return probed.filter((python) => {
    if (!python.ok) return true;
    if (seen.has(python.realPath)) return false;
    seen.add(python.realPath);
    return true;
  });
}

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
 * than stopping with the reason.
 */
export function choosePython(found: readonly ProbedPython[], need: PythonNeed): PythonChoice {
  const named = found.find((python) => isNamedByLearner(python.source));
  const rejected: PythonChoice['rejected'] = [];
  let chosen: PythonChoice['chosen'];
  for (const python of found) {
    const verdict = judgePython(python, need);
    if (!verdict.fits) {
      const why = isNamedByLearner(python.source) ? renderNamedRejection(python, verdict.why) : verdict.why;
      rejected.push({ python, why });
    } else if (chosen === undefined && (named === undefined || python === named)) {
      chosen = { ...verdict.python, why: renderChoiceReason(verdict.python, need) };
    }
  }
  return chosen === undefined ? { rejected } : { chosen, rejected };
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

/** The Python to suggest installing. */
const SUGGESTED_PYTHON = '3.13';

/**
 * What to install when no Python fits. uv and pyenv put interpreters where
 * discovery looks, so neither needs PATH changes or a new shell.
 */
export function renderInstallAdvice(platform: NodeJS.Platform): string {
  const ways: Array<[command: string, note: string]> = [
    [`uv python install ${SUGGESTED_PYTHON}`, 'uv: https://docs.astral.sh/uv/'],
    platform === 'win32'
      ? [`py install ${SUGGESTED_PYTHON}`, 'Python install manager, or https://www.python.org/downloads/']
      : [`pyenv install ${SUGGESTED_PYTHON}`, 'pyenv: https://github.com/pyenv/pyenv'],
  ];
  const width = Math.max(...ways.map(([command]) => command.length));
  return [
    `Install Python ${SUGGESTED_PYTHON} with one of:`,
    ...ways.map(([command, note]) => `  ${command.padEnd(width)}  (${note})`),
    'Or install nothing: add `--engine embedded` to use the Python that ships inside advpy-kata.',
  ].join('\n');
}
