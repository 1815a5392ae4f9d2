/**
 * The warm pyright language servers of this process (or worker thread): one per
 * distinct pyright configuration, since settings live in the pyrightconfig.json
 * of a server's workspace folder.
 *
 * - The pool lives on `globalThis` under a Symbol.for key: Vitest re-evaluates the
 *   testing kit for every run in the same worker, and a module-level pool would
 *   start a new server (and strand the old one) each time.
 * - A server serves one check at a time (the files of a check are rewritten in
 *   place), through a promise queue.
 * - A check that fails or runs out of time (its wait for a turn included) kills
 *   its server, so the next check starts a fresh one; the caller falls back to
 *   the CLI for this one. The exception is a server still starting: it is left
 *   to finish (up to START_PATIENCE_MS) for the checks after.
 * - A server idle for {@link IDLE_MS} is stopped (with an unref'd timer, so it
 *   never keeps the process alive), and every server is killed on exit.
 * - Workspace folders are named `advpy-pyright-<pid>-…`, so one left behind by a
 *   process that died without its exit handler is removed by the next pool.
 */
import { mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PyrightServer, type CheckedFile, type ReportedDiagnostic } from './pyright-server.js';

export const IDLE_MS = 60_000;
/**
 * How long a server may take to start before a check that gave up on it also
 * gives up on the server. Under load a cold start can outlast one check's share
 * of the timeout (seen at 9–12 s on a busy 2-core machine); killing it then would
 * make every check pay a cold start and a CLI run, so it is left to finish
 * starting for the checks after.
 */
const START_PATIENCE_MS = 60_000;
const FOLDER_PREFIX = 'advpy-pyright-';
/** Versioned: a kit with a different pool shape must not pick up this one's. */
const POOL_KEY = Symbol.for('advpy-kata/pyright-pool/1');

interface Slot {
  readonly key: string;
  readonly folder: string;
  readonly server: PyrightServer;
  /** The check in progress and those waiting, in order. */
  queue: Promise<unknown>;
  idleTimer: NodeJS.Timeout | undefined;
  retired: boolean;
}

interface Pool {
  readonly slots: Map<string, Slot>;
  /** Servers this pool has started, for tests and debugging. */
  started: number;
}

export interface ServerCheck {
  /** `pyright/langserver.index.js`. */
  langserverEntry: string;
  /** The pyrightconfig.json of the server's folder; one server per distinct value. */
  pyrightConfig: Record<string, unknown>;
  files: readonly CheckedFile[];
  /** Longest the check may take, start-up and waiting for the queue included. */
  timeoutMs: number;
}

export interface ServerCheckResult {
  /** The workspace folder the reported `file` paths are in. */
  folder: string;
  diagnostics: ReportedDiagnostic[];
}

/** Check `files` on the warm server for this configuration, starting one if needed. Rejects on any failure. */
export function checkOnServer(check: ServerCheck): Promise<ServerCheckResult> {
  const slot = slotFor(check.langserverEntry, check.pyrightConfig);
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.idleTimer = undefined;
  const turn = slot.queue.then(async () => {
    if (slot.retired) throw new Error('the pyright language server was stopped');
    return { folder: slot.folder, diagnostics: await slot.server.check(check.files) };
  });
  const settled = turn.catch(() => undefined);
  slot.queue = settled;
  return withTimeout(turn, check.timeoutMs).then(
    (result) => {
      // Idle from now only if no other check has queued behind this one.
      if (!slot.retired && slot.queue === settled) scheduleIdleStop(slot);
      return result;
    },
    (error: unknown) => {
      const stillStarting = error instanceof CheckTimeout && !slot.server.started && slot.server.alive;
      if (!stillStarting || performance.now() - slot.server.spawnedAt > START_PATIENCE_MS) retire(slot);
      throw error;
    },
  );
}

/** Whether a server for this configuration has started and can take a check at once. */
export function serverReady(langserverEntry: string, pyrightConfig: Record<string, unknown>): boolean {
  const slot = pool().slots.get(slotKey(langserverEntry, pyrightConfig));
  return slot !== undefined && !slot.retired && slot.server.alive && slot.server.started;
}

/**
 * Start a server for this configuration in the background, if there is none, so a
 * later check finds it ready. Resolves once it has started; never rejects (a server
 * that fails to start is retired, and checks keep using the CLI).
 */
export function warmServer(langserverEntry: string, pyrightConfig: Record<string, unknown>): Promise<void> {
  let slot: Slot;
  try {
    slot = slotFor(langserverEntry, pyrightConfig);
  } catch {
    return Promise.resolve();
  }
  // A server nobody asks still goes away after a while.
  if (slot.idleTimer === undefined) scheduleIdleStop(slot);
  return slot.server.ready.then(
    () => undefined,
    () => retire(slot),
  );
}

/** Resolves once every server in the pool has started or failed (tests). */
export async function serversStarted(): Promise<void> {
  await Promise.all([...pool().slots.values()].map((slot) => slot.server.ready.catch(() => undefined)));
}

/** What the pool holds now. */
export function pyrightPoolStats(): { started: number; pids: number[] } {
  const current = pool();
  const pids = [...current.slots.values()].flatMap((slot) => (slot.server.pid === undefined ? [] : [slot.server.pid]));
  return { started: current.started, pids };
}

/** Stop every server (tests; the exit handler does the same). */
export function stopPyrightServers(): void {
  for (const slot of pool().slots.values()) retire(slot);
}

function pool(): Pool {
  const holder = globalThis as { [POOL_KEY]?: Pool };
  let current = holder[POOL_KEY];
  if (current === undefined) {
    current = { slots: new Map(), started: 0 };
    holder[POOL_KEY] = current;
    removeStaleFolders();
    const created = current;
    // 'exit' handlers run synchronously: kill (SIGKILL) and remove, nothing to await.
    process.once('exit', () => {
      for (const slot of created.slots.values()) retire(slot);
    });
  }
  return current;
}

function slotFor(langserverEntry: string, pyrightConfig: Record<string, unknown>): Slot {
  const current = pool();
  const key = slotKey(langserverEntry, pyrightConfig);
  const existing = current.slots.get(key);
  if (existing && !existing.retired && existing.server.alive) return existing;
  if (existing) retire(existing);
  // realpath: pyright reports resolved paths (macOS's /var is /private/var).
  const folder = realpathSync(mkdtempSync(join(tmpdir(), `${FOLDER_PREFIX}${process.pid}-`)));
  let server: PyrightServer;
  try {
    writeFileSync(join(folder, 'pyrightconfig.json'), JSON.stringify(pyrightConfig, null, 2));
    server = new PyrightServer(langserverEntry, folder);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  current.started++;
  const slot: Slot = { key, folder, server, queue: Promise.resolve(), idleTimer: undefined, retired: false };
  current.slots.set(key, slot);
  return slot;
}

function slotKey(langserverEntry: string, pyrightConfig: Record<string, unknown>): string {
  return JSON.stringify([langserverEntry, pyrightConfig]);
}

function scheduleIdleStop(slot: Slot): void {
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.idleTimer = setTimeout(() => retire(slot), IDLE_MS);
  slot.idleTimer.unref();
}

/** Kill the slot's server, forget it, and remove its folder. Safe to call twice. */
function retire(slot: Slot): void {
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.idleTimer = undefined;
  if (slot.retired) return;
  slot.retired = true;
  const current = pool();
  if (current.slots.get(slot.key) === slot) current.slots.delete(slot.key);
  slot.server.kill();
  rmSync(slot.folder, { recursive: true, force: true });
}

/** A check that ran out of time (as opposed to a server that failed). */
class CheckTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CheckTimeout(`the pyright language server did not answer within ${timeoutMs} ms`)), timeoutMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Remove workspace folders whose owner process is gone (run once per pool; exported for tests). */
export function removeStaleFolders(): void {
  let entries: string[];
  try {
    entries = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const entry of entries) {
    const owner = entry.startsWith(FOLDER_PREFIX) ? Number(entry.slice(FOLDER_PREFIX.length).split('-')[0]) : NaN;
    if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid || isAlive(owner)) continue;
    rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
