/**
 * Finding the Pythons a learner's machine has and where their tools put them.
 *
 * Decide, then do: `gatherFacts` reads the disk, `planCandidates` orders what it
 * found (pure), `probePython` asks each interpreter what it is, and
 * `choosePython` (pure, in `src/core/python-choice.ts`) picks one. Every process
 * starts through `execute`.
 */
import { statSync } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { join, posix, win32 } from 'node:path';
import { z } from 'zod';
import type { ProbedPython, PythonCandidate, PythonSource } from '../core/python-choice.js';
import { ProbeCache } from './probe-cache.js';
import { PYTHON_BRIDGE_DIR } from '../package-root.js';
import { execute, type ExecuteResult } from './processes.js';

// The shapes discovery returns are defined in the core, beside the pure choice that reads them.
export type {
  BrokenPython,
  ProbedPython,
  PythonCandidate,
  PythonSource,
  PythonVersion,
  WorkingPython,
} from '../core/python-choice.js';

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

/**
 * Names that say their version, newest first: likelier to be a course-ready Python
 * than plain `python3`. Free-threaded builds (PEP 703) install as `python3.Nt`; they
 * come after the default builds, which every exercise but the free-threading ones prefers.
 */
const VERSIONED_NAMES = ['python3.14', 'python3.13', 'python3.12', 'python3.14t', 'python3.13t'] as const;
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
  const [uvPythons, pyenvPythons, pyLauncherPythons] = await Promise.all([
    readInterpreters(uvInstallDir(env, platform, home), platform),
    readInterpreters(path.join(pyenvRoot(env, platform, home), 'versions'), platform),
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

/** The interpreter of each install directory under `dir`, in name order. */
async function readInterpreters(dir: string, platform: NodeJS.Platform): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found = await Promise.all(
    names
      .filter((name) => !name.startsWith('.')) // uv keeps its lock and scratch space here
      .sort()
      .map((name) => installedInterpreter(join(dir, name), platform)),
  );
  return found.filter((path): path is string => path !== undefined);
}

/**
 * An install directory's interpreter: `python.exe` on Windows; on POSIX `bin/python3`,
 * or for a free-threaded install that has no plain name, its `bin/python3.Nt`.
 */
async function installedInterpreter(installDir: string, platform: NodeJS.Platform): Promise<string | undefined> {
  if (platform === 'win32') {
    const exe = win32.join(installDir, 'python.exe');
    const threaded = (await readdir(installDir).catch(() => [] as string[])).find((name) => /^python3\.\d+t\.exe$/i.test(name));
    if (isFile(exe)) return exe;
    return threaded === undefined ? undefined : win32.join(installDir, threaded);
  }
  const bin = posix.join(installDir, 'bin');
  const plain = posix.join(bin, 'python3');
  if (isFile(plain)) return plain;
  const threaded = (await readdir(bin).catch(() => [] as string[])).filter((name) => /^python3\.\d+t$/.test(name)).sort().at(-1);
  return threaded === undefined ? undefined : posix.join(bin, threaded);
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
export interface DiscoverOptions extends GatherOptions {
  /** Where probe results are kept between runs (see probe-cache.ts); none: probe every time. */
  cacheDir?: string;
  /**
   * Stop probing once the interpreters found so far are enough (say, one fits the
   * course): candidates are probed in priority order, so the rest cannot be chosen
   * anyway unless the learner asks for something the first fit lacks. Without it,
   * every candidate is probed (doctor lists them all).
   */
  enough?: (found: readonly ProbedPython[]) => boolean;
}

export async function discoverPythons(options: DiscoverOptions): Promise<ProbedPython[]> {
  const candidates = planCandidates(await gatherFacts(options));
  const cache = new ProbeCache(options.cacheDir, options.env.PYTHON_GIL ?? '');
  const probe = async (candidate: PythonCandidate): Promise<ProbedPython> => {
    const cached = cache.get(candidate.path);
    // The source is where it was found this time; the cache may have seen it elsewhere.
    if (cached) return { ...cached, source: candidate.source };
    const probed = await probePython(candidate);
    cache.set(candidate.path, probed);
    return probed;
  };
  let probed: ProbedPython[];
  if (options.enough === undefined) {
    probed = await Promise.all(candidates.map(probe));
  } else {
    probed = [];
    for (const candidate of candidates) {
      probed.push(await probe(candidate));
      if (options.enough(probed)) break;
    }
  }
  cache.save();
  const seen = new Set<string>();
  return probed.filter((python) => {
    if (!python.ok) return true;
    if (seen.has(python.realPath)) return false;
    seen.add(python.realPath);
    return true;
  });
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
