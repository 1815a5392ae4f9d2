/**
 * Type-check the learner's module with pyright (the npm package), for exercises
 * that teach typing: a suite writes a small snippet that imports the module and
 * uses it, and asserts on the diagnostics pyright reports.
 *
 * - The learner's file name (`04_typed.py`) is not an importable module name, so
 *   the source is copied into a fresh temp folder as `<moduleName>.py`, next to
 *   the snippet, and diagnostics in that copy are mapped back to the real path.
 * - pyright runs as `node <pyright>/index.js` through `execute()`, so it is owned,
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
  generalDiagnostics?: {
    file?: string;
    severity: string;
    message: string;
    range?: { start: { line: number; character: number } };
    rule?: string;
  }[];
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
const inFlight = new Map<string, Promise<CacheEntry>>();

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
  const cached = entry !== undefined;
  if (entry === undefined) {
    let pending = inFlight.get(cacheFile);
    if (pending === undefined) {
      pending = check({ pyright, moduleName, source, snippet, pyrightConfig, timeoutMs: request.timeoutMs ?? 120_000 })
        .then((fresh) => {
          writeCache(cacheFile, fresh);
          return fresh;
        })
        .finally(() => inFlight.delete(cacheFile));
      inFlight.set(cacheFile, pending);
    }
    entry = await pending;
  }
  return {
    diagnostics: entry.diagnostics.map((diagnostic) => ({
      ...diagnostic,
      file: diagnostic.origin === 'module' ? request.modulePath : diagnostic.origin === 'snippet' ? SNIPPET_PATH : '',
    })),
    pyrightVersion: entry.pyrightVersion,
    cached,
    durationMs: performance.now() - started,
  };
}

interface Pyright {
  entry: string;
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
  located = { entry: join(dirname(manifest), 'index.js'), version };
  return located;
}

async function check(job: {
  pyright: Pyright;
  moduleName: string;
  source: string;
  snippet: string;
  pyrightConfig: Record<string, unknown>;
  timeoutMs: number;
}): Promise<CacheEntry> {
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
    const moduleFile = `${job.moduleName}.py`;
    const diagnostics = (report.generalDiagnostics ?? []).map((raw) => {
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
    return { format: CACHE_FORMAT, pyrightVersion: report.version ?? job.pyright.version, diagnostics };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
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
