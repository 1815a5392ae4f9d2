/**
 * One pyright language server (`pyright/langserver.index.js --stdio`), kept
 * running so a type check costs an analysis, not a Node start-up plus a load of
 * the builtins stubs each time.
 *
 * Diagnostics are pulled (`textDocument/diagnostic`), so an answer belongs to the
 * request that asked for it; pyright offers pull diagnostics only to a client that
 * can register them dynamically, which is why initialize advertises that.
 *
 * The process is started through processes.ts but reported to no run: it outlives
 * runs by design (pyright-pool.ts owns it). It still ends with us: processes.ts
 * SIGKILLs it on exit, the server exits when its stdin closes (which the kernel
 * does when we die, however we die), and it polls the `processId` given in
 * initialize every few seconds.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnOwned } from '../engine/processes.js';
import { RpcConnection, RpcError, type JsonValue } from './json-rpc.js';

/** A diagnostic in the shape of pyright's `--outputjson` report, so both paths share one mapping. */
export interface ReportedDiagnostic {
  file?: string;
  severity: string;
  message: string;
  range?: { start: { line: number; character: number } };
  rule?: string;
}

export interface CheckedFile {
  /** A file name inside the server's workspace folder. */
  name: string;
  text: string;
}

interface LspDiagnostic {
  range: { start: { line: number; character: number } };
  severity?: number;
  message: string;
  code?: string | number;
}

/** LSP severities the CLI also reports (1 error, 2 warning, 3 information); hints (4) it never shows. */
const SEVERITIES: Readonly<Record<number, string>> = { 1: 'error', 2: 'warning', 3: 'information' };

export class PyrightServer {
  /** Resolves once the server has answered initialize; rejects if it never does. */
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private readonly connection: RpcConnection;
  /** The server has answered initialize. */
  private initialized = false;
  /** When the process was spawned (performance.now()). */
  readonly spawnedAt = performance.now();
  /** Open documents by path, with the version and text the server has. */
  private readonly documents = new Map<string, { version: number; text: string }>();

  /** Start a server on `folder` (a realpath, holding pyrightconfig.json). Throws if it cannot be spawned. */
  constructor(
    langserverEntry: string,
    readonly folder: string,
  ) {
    this.child = spawnOwned({
      description: 'the pyright language server',
      command: process.execPath,
      args: [langserverEntry, '--stdio'],
      cwd: folder,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const { stdin, stdout } = this.child;
    if (!stdin || !stdout) throw new Error('the pyright language server has no stdio pipes');
    this.connection = new RpcConnection(stdout, stdin, {
      onRequest: (method, params) => answerServer(method, params),
    });
    this.child.once('exit', (code, signal) => {
      this.connection.close(new RpcError(`the pyright language server exited (${signal ?? `code ${String(code)}`})`));
    });
    this.child.once('error', (error) => this.connection.close(error));
    this.ready = this.initialize();
    // A failed start is reported through ready to whoever awaits it, never as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the server has finished starting (it may still be loading when a check gives up on it). */
  get started(): boolean {
    return this.initialized;
  }

  get alive(): boolean {
    return !this.connection.closed && this.child.exitCode === null && this.child.signalCode === null;
  }

  private async initialize(): Promise<void> {
    const root = pathToFileURL(this.folder).href;
    await this.connection.request('initialize', {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: basename(this.folder) }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
        },
      },
    });
    this.connection.notify('initialized', {});
    this.initialized = true;
  }

  /**
   * Write the files into the workspace folder (the snippet's imports are resolved
   * on disk), hand the server their text, and pull its diagnostics for each, in
   * the CLI report's order: files by URI, each file's by start position.
   */
  async check(files: readonly CheckedFile[]): Promise<ReportedDiagnostic[]> {
    await this.ready;
    const paths = files.map((file) => {
      const path = join(this.folder, file.name);
      writeFileSync(path, file.text);
      this.sync(path, file.text);
      return path;
    });
    const pulled = await Promise.all(paths.map(async (path) => ({ uri: uriOf(path), diagnostics: await this.pull(path) })));
    pulled.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    return pulled.flatMap(({ diagnostics }) => diagnostics);
  }

  /** Open the document, or replace its text under a new version: the server's copy is always ours. */
  private sync(path: string, text: string): void {
    const uri = uriOf(path);
    const open = this.documents.get(path);
    if (open === undefined) {
      this.connection.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
      this.documents.set(path, { version: 1, text });
    } else if (open.text !== text) {
      const version = open.version + 1;
      this.connection.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      this.documents.set(path, { version, text });
    }
  }

  private async pull(path: string): Promise<ReportedDiagnostic[]> {
    const report = await this.connection.request<{ items?: LspDiagnostic[] } | null>('textDocument/diagnostic', {
      textDocument: { uri: uriOf(path) },
    });
    const reported: ReportedDiagnostic[] = [];
    for (const item of report?.items ?? []) {
      const severity = SEVERITIES[item.severity ?? 0];
      if (severity === undefined) continue;
      const diagnostic: ReportedDiagnostic = { file: path, severity, message: item.message, range: { start: item.range.start } };
      if (item.code !== undefined) diagnostic.rule = String(item.code);
      reported.push(diagnostic);
    }
    // pyright's CLI sorts each file's diagnostics by position (a stable sort); the server does not.
    return reported.sort((a, b) => startOf(a).line - startOf(b).line || startOf(a).character - startOf(b).character);
  }

  /** End the process now; pending and later checks fail. */
  kill(): void {
    this.connection.close(new RpcError('the pyright language server was stopped'));
    this.child.kill('SIGKILL');
  }
}

function startOf(diagnostic: ReportedDiagnostic): { line: number; character: number } {
  return diagnostic.range?.start ?? { line: 0, character: 0 };
}

function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * What the server asks of us. `workspace/configuration`: no client settings (one
 * null per item), so pyrightconfig.json in the folder decides, as for the CLI.
 * Anything else (`client/registerCapability`, progress): acknowledged with null.
 */
function answerServer(method: string, params: unknown): JsonValue {
  if (method === 'workspace/configuration') {
    const items = (params as { items?: unknown[] } | null)?.items ?? [];
    return items.map(() => null);
  }
  return null;
}
