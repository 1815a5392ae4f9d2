/**
 * Type-check the learner's module with pyright (the npm package), for exercises
 * that teach typing: a suite writes a small snippet that imports the module and
 * uses it, and asserts on the diagnostics pyright reports.
 *
 * - The learner's file name (`04_typed.py`) is not an importable module name, so
 *   the source is copied into a fresh temp folder as `<moduleName>.py`, next to
 *   the snippet, and diagnostics in that copy are mapped back to the real path.
 * - A warm pyright language server answers when it can (pyright-pool.ts): a check
 *   then costs a tenth of a second or so instead of a 1.5–2 s CLI start. The first
 *   check of a configuration runs the CLI and starts the server behind it; later
 *   ones ask the server, which gets half the timeout: if it crashes or is late, it
 *   is killed and that check runs the CLI instead. `ADVPY_PYRIGHT_SERVER=0` turns
 *   the server off.
 * - The CLI runs as `node <pyright>/index.js` through `execute()`, so it is owned,
 *   timed out and killed like every other child process.
 * - Results are cached by content (learner source, snippet, settings and pyright
 *   version) under the kit's cache folder, so re-running an unchanged exercise
 *   does not wait for pyright again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { execute } from '../engine/processes.js';
import { readKitConfig } from './config.js';
import { dedent } from './exercise.js';
import { checkOnServer, serverReady, warmServer } from './pyright-pool.js';
import type { ReportedDiagnostic } from './pyright-server.js';

/** Bump when the shape of a cache entry changes, so old entries are ignored. */
const CACHE_FORMAT = 1;
const SNIPPET_FILE = 'typecheck_snippet.py';
/** What `file` says for a diagnostic in the snippet. */
export const SNIPPET_PATH = '<typecheck snippet>';

export type DiagnosticSeverity = 'error' | 'warning' | 'information';

export interface TypeDiagnostic {
  /** `module` (the learner's file), `snippet` (the suite's code), or `other` (anything else pyright named). */
  origin: 'module' | 'snippet' | 'other';
  /** The learner's real path for `module`, {@link SNIPPET_PATH} for `snippet`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: DiagnosticSeverity;
  message: string;
  /** pyright's rule, e.g. `reportArgumentType`; absent for reveal_type notes and syntax errors. */
  rule?: string;
}

export interface TypecheckResult {
  diagnostics: TypeDiagnostic[];
  pyrightVersion: string;
  /** True when the result came from the cache and pyright did not run. */
  cached: boolean;
  /** Who answered: the content cache, the warm language server, or a pyright CLI run. */
  via: 'cache' | 'server' | 'cli';
  /** Time this call took, cache lookup or pyright run. */
  durationMs: number;
}

export interface PyrightRequest {
  /** The learner's Python file (its real path; it may have any name). */
  modulePath: string;
  /** Python that imports the module as {@link moduleName}; common indentation is stripped. */
  snippet: string;
  /** Folder for derived data; entries go in `<cacheDir>/typecheck/`. */
  cacheDir: string;
  /** Name the snippet imports the learner's module by. Default `exercise`. */
  moduleName?: string;
  /** Default `3.12`. */
  pythonVersion?: string;
  /** More pyrightconfig.json settings, e.g. `{ analyzeUnannotatedFunctions: false }`. */
  settings?: Record<string, unknown>;
  /** Longest pyright may run. Default 120 s. */
  timeoutMs?: number;
}

export type TypecheckOptions = Pick<PyrightRequest, 'moduleName' | 'pythonVersion' | 'settings' | 'timeoutMs'>;

interface CacheEntry {
  format: number;
  pyrightVersion: string;
  diagnostics: Omit<TypeDiagnostic, 'file'>[];
}

interface PyrightJson {
  version?: string;
  generalDiagnostics?: ReportedDiagnostic[];
}

interface Checked {
  entry: CacheEntry;
  via: 'server' | 'cli';
}

const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Type-check the exercise's module (the learner's file, the stub or the solution,
 * whichever the run targets) together with `snippet`. Uses the kit's cache folder.
 */
export function typecheck(
  exercise: { readonly path: string },
  snippet: string,
  options: TypecheckOptions = {},
): Promise<TypecheckResult> {
  const config = readKitConfig();
  return runPyright({
    timeoutMs: config.suiteTimeoutMs,
    ...options,
    modulePath: exercise.path,
    snippet,
    cacheDir: config.cacheDir,
  });
}

/** Concurrent requests for the same content share one pyright run. */
const inFlight = new Map<string, Promise<Checked>>();

/** Run pyright over the module and the snippet, or answer from the cache. */
export async function runPyright(request: PyrightRequest): Promise<TypecheckResult> {
  const started = performance.now();
  const moduleName = request.moduleName ?? 'exercise';
  if (!MODULE_NAME.test(moduleName)) throw new Error(`moduleName must be a Python identifier, not ${JSON.stringify(moduleName)}`);
  const source = readFileSync(request.modulePath, 'utf8');
  const snippet = dedent(request.snippet);
  const pyright = locatePyright();
  const pyrightConfig = {
    ...request.settings,
    pythonVersion: request.pythonVersion ?? '3.12',
    include: [SNIPPET_FILE, `${moduleName}.py`],
  };
  const key = createHash('sha256')
    .update(JSON.stringify({ format: CACHE_FORMAT, pyright: pyright.version, moduleName, pyrightConfig, source, snippet }))
    .digest('hex');
  const cacheFile = join(request.cacheDir, 'typecheck', `${key}.json`);

  let entry = readCache(cacheFile, pyright.version);
  let via: TypecheckResult['via'] = 'cache';
  if (entry === undefined) {
    let pending = inFlight.get(cacheFile);
    if (pending === undefined) {
      pending = check({ pyright, moduleName, source, snippet, pyrightConfig, timeoutMs: request.timeoutMs ?? 120_000 })
        .then((fresh) => {
          writeCache(cacheFile, fresh.entry);
          return fresh;
        })
        .finally(() => inFlight.delete(cacheFile));
      inFlight.set(cacheFile, pending);
    }
    ({ entry, via } = await pending);
  }
  return {
    diagnostics: entry.diagnostics.map((diagnostic) => ({
      ...diagnostic,
      file: diagnostic.origin === 'module' ? request.modulePath : diagnostic.origin === 'snippet' ? SNIPPET_PATH : '',
    })),
    pyrightVersion: entry.pyrightVersion,
    cached: via === 'cache',
    via,
    durationMs: performance.now() - started,
  };
}

interface Pyright {
  /** The CLI, `index.js`. */
  entry: string;
  /** The language server, `langserver.index.js`. */
  langserver: string;
  version: string;
}

let located: Pyright | undefined;
function locatePyright(): Pyright {
  if (located) return located;
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve('pyright/package.json');
  } catch {
    throw new Error('the type check needs the npm package pyright, which is not installed (run `npm install`)');
  }
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  located = { entry: join(dirname(manifest), 'index.js'), langserver: join(dirname(manifest), 'langserver.index.js'), version };
  return located;
}

interface CheckJob {
  pyright: Pyright;
  moduleName: string;
  source: string;
  snippet: string;
  pyrightConfig: Record<string, unknown>;
  timeoutMs: number;
}

/**
 * The warm server when one has started and answers within half the timeout; the
 * CLI otherwise. A check never waits for a server to start: a cold start costs
 * about as much as a CLI run (and several times that on a loaded machine), so the
 * CLI answers, and the server is started after it, for the checks that follow.
 */
async function check(job: CheckJob): Promise<Checked> {
  if (process.env.ADVPY_PYRIGHT_SERVER === '0') return { entry: await checkWithCli(job), via: 'cli' };
  if (!serverReady(job.pyright.langserver, job.pyrightConfig)) {
    const entry = await checkWithCli(job);
    void warmServer(job.pyright.langserver, job.pyrightConfig);
    return { entry, via: 'cli' };
  }
  const started = performance.now();
  try {
    const { folder, diagnostics } = await checkOnServer({
      langserverEntry: job.pyright.langserver,
      pyrightConfig: job.pyrightConfig,
      files: [
        { name: `${job.moduleName}.py`, text: job.source },
        { name: SNIPPET_FILE, text: job.snippet },
      ],
      timeoutMs: job.timeoutMs / 2,
    });
    return { entry: toEntry(diagnostics, folder, job.moduleName, job.pyright.version), via: 'server' };
  } catch {
    // The pool has killed the server; the next check starts a new one. Quietly use the CLI now.
    const left = job.timeoutMs - (performance.now() - started);
    return { entry: await checkWithCli({ ...job, timeoutMs: Math.max(left, job.timeoutMs / 2) }), via: 'cli' };
  }
}

async function checkWithCli(job: CheckJob): Promise<CacheEntry> {
  // realpath: pyright reports resolved paths (macOS's /var is /private/var).
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'advpy-typecheck-')));
  try {
    writeFileSync(join(folder, `${job.moduleName}.py`), job.source);
    writeFileSync(join(folder, SNIPPET_FILE), job.snippet);
    writeFileSync(join(folder, 'pyrightconfig.json'), JSON.stringify(job.pyrightConfig, null, 2));
    const result = await execute(process.execPath, [job.pyright.entry, '--outputjson', '--project', folder], {
      description: `pyright ${job.pyright.version}`,
      cwd: folder,
      timeoutMs: job.timeoutMs,
      maxOutputBytes: 8 * 1024 * 1024,
    });
    if (result.timedOut) throw new Error(`pyright did not finish within ${job.timeoutMs} ms`);
    // Exit code 0: no errors; 1: errors found. Anything else is pyright itself failing.
    if (result.code !== 0 && result.code !== 1) {
      throw new Error(
        `pyright failed (exit code ${String(result.code)}${result.signal ? `, ${result.signal}` : ''}): ` +
          (result.stderr.trim() || result.stdout.trim()).slice(0, 2000),
      );
    }
    let report: PyrightJson;
    try {
      report = JSON.parse(result.stdout) as PyrightJson;
    } catch {
      throw new Error(`pyright printed something other than its JSON report: ${result.stdout.slice(0, 500)}`);
    }
    return toEntry(report.generalDiagnostics ?? [], folder, job.moduleName, report.version ?? job.pyright.version);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** pyright's diagnostics (CLI report or server, same shape) as a cache entry, paths relative to `folder`. */
function toEntry(reported: readonly ReportedDiagnostic[], folder: string, moduleName: string, pyrightVersion: string): CacheEntry {
  const moduleFile = `${moduleName}.py`;
  const diagnostics = reported.map((raw) => {
    const file = raw.file === undefined ? '' : relative(folder, raw.file);
    const diagnostic: Omit<TypeDiagnostic, 'file'> = {
      origin: file === moduleFile ? 'module' : file === SNIPPET_FILE ? 'snippet' : 'other',
      line: (raw.range?.start.line ?? 0) + 1,
      column: (raw.range?.start.character ?? 0) + 1,
      severity: toSeverity(raw.severity),
      message: raw.message,
    };
    if (raw.rule !== undefined) diagnostic.rule = raw.rule;
    return diagnostic;
  });
  return { format: CACHE_FORMAT, pyrightVersion, diagnostics };
}

function toSeverity(severity: string): DiagnosticSeverity {
  return severity === 'error' || severity === 'warning' ? severity : 'information';
}

function readCache(file: string, pyrightVersion: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
    if (entry.format === CACHE_FORMAT && entry.pyrightVersion === pyrightVersion && Array.isArray(entry.diagnostics)) {
      return entry;
    }
  } catch {
    // Missing or unreadable: check afresh.
  }
  return undefined;
}

function writeCache(file: string, entry: CacheEntry): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half an entry.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(entry));
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

/** One diagnostic as a line a learner can act on: `04_typed.py:12:5 error: … (reportArgumentType)`. */
export function formatDiagnostic(diagnostic: TypeDiagnostic): string {
  const where = diagnostic.origin === 'snippet' ? 'check' : diagnostic.file;
  const rule = diagnostic.rule ? ` (${diagnostic.rule})` : '';
  return `${where}:${diagnostic.line}:${diagnostic.column} ${diagnostic.severity}: ${diagnostic.message.replaceAll('\n', ' ')}${rule}`;
}

/** The 1-based line of the first snippet line containing `marker` (after dedent). */
export function snippetLine(snippet: string, marker: string): number {
  const index = dedent(snippet)
    .split('\n')
    .findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`the type-check snippet has no line containing ${JSON.stringify(marker)}`);
  return index + 1;
}
