/**
 * The embedded engine's worker thread: one Pyodide interpreter that serves suite runs,
 * one at a time, each from the same fresh state.
 *
 * It loads Pyodide as soon as it is spawned (from the memory snapshot when there is a
 * good one, else cold, writing a snapshot for next time), imports the bridge, and takes
 * a checkpoint (embedded-checkpoint.ts). Then it waits to be told the learner's folder.
 * Requests run synchronously on this thread, so the main thread stays free to time them
 * out: it interrupts through the shared buffer, and ends this thread when Python does not
 * listen. After a run, a reset puts the interpreter back to its checkpoint for the next.
 */
import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadPyodide, version as pyodideVersion, type PyodideAPI } from 'pyodide';
import type { EmbeddedStartup, EmbeddedWorkerData, FromWorker, ToWorker } from './embedded-messages.js';
import { readSnapshot, writeSnapshot } from './embedded-snapshot.js';
import { checkpoint, guardTimers, type Checkpoint } from './embedded-checkpoint.js';
import { trace } from '../trace.js';

type Pyodide = PyodideAPI;
type Handle = (line: string) => string;
/** The bridge's entry points (python/advpy_embedded.py), looked up once, before the checkpoint. */
interface Glue {
  start(cwd: string, outputCap: number, report: (text: string) => void): unknown;
  handle: Handle;
}

const port = parentPort;
if (port === null) throw new Error('embedded-worker must run as a worker thread');
const data = workerData as EmbeddedWorkerData;

function send(message: FromWorker): void {
  port?.postMessage(message);
}

/** Pyodide's own stdout/stderr: only what escapes a request's capture, e.g. from os.write(1, ...). */
const rawOutput = { batched: (text: string) => send({ type: 'output', text: `${text}\n` }) };
// Whatever this thread prints otherwise (console, Emscripten's abort message) travels the
// same way: the main thread never reads worker.stdout/stderr (see embedded-thread.ts).
for (const stream of [process.stdout, process.stderr]) {
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    send({ type: 'output', text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
    const callback = rest.find((item) => typeof item === 'function') as ((error?: Error | null) => void) | undefined;
    callback?.();
    return true;
  }) as typeof stream.write;
}
/** Before Pyodide loads, so every timer Python schedules can be cut loose by a reset. */
const cutTimers = guardTimers();

async function loadFromSnapshot(): Promise<{ pyodide: Pyodide } | { problem: string }> {
  const snapshot = readSnapshot(data.snapshotPath);
  if (!snapshot.ok) return { problem: snapshot.problem };
  try {
    const pyodide = await loadPyodide({ indexURL: data.indexURL, _loadSnapshot: snapshot.payload });
    mountHostDir(pyodide, data.bridgeDir);
    return { pyodide };
  } catch (error) {
    // A snapshot from another Pyodide build fails its build-id check here; load cold instead.
    return { problem: `the snapshot could not be restored: ${String(error)}` };
  }
}

async function loadCold(): Promise<{ pyodide: Pyodide; snapshotWritten: boolean }> {
  const pyodide = await loadPyodide({ indexURL: data.indexURL, _makeSnapshot: true });
  mountHostDir(pyodide, data.bridgeDir);
  pyodide.runPython(`import sys\nsys.dont_write_bytecode = True\nsys.path.insert(0, ${JSON.stringify(data.bridgeDir)})\nimport advpy_embedded`);
  let snapshotWritten = false;
  try {
    writeSnapshot(data.snapshotPath, pyodide.makeMemorySnapshot());
    snapshotWritten = true;
  } catch {
    // A read-only or full cache folder costs speed, not correctness.
  }
  return { pyodide, snapshotWritten };
}

/**
 * Mount a host folder at the same absolute path inside Pyodide, so the learner's files
 * keep their real names in imports and tracebacks. A symlinked path (macOS /var) is
 * mounted at its real path and linked, so `os.path.realpath` agrees with the host.
 */
function mountHostDir(pyodide: Pyodide, hostDir: string): void {
  const { FS } = pyodide;
  const real = realpathSync(hostDir);
  if (!isMounted(pyodide, real)) {
    FS.mkdirTree(real);
    FS.mount(FS.filesystems.NODEFS, { root: real }, real);
  }
  if (real !== hostDir && !FS.analyzePath(hostDir).exists) {
    FS.mkdirTree(dirname(hostDir));
    FS.symlink(real, hostDir);
  }
}

/** True when `dir` is already inside a NODEFS mount (e.g. a chapter folder under the bridge's). */
function isMounted(pyodide: Pyodide, dir: string): boolean {
  const node = pyodide.FS.analyzePath(dir);
  return node.exists && (node.object as { mount?: { type?: unknown } } | null)?.mount?.type === pyodide.FS.filesystems.NODEFS;
}

interface Loaded {
  pyodide: Pyodide;
  glue: Glue;
  startup: EmbeddedStartup;
  /** Undefined when this Pyodide cannot be reset: it then serves a single run. */
  checkpoint: Checkpoint | undefined;
}

async function load(): Promise<Loaded> {
  const started = performance.now();
  const restored = await loadFromSnapshot();
  const loaded = 'pyodide' in restored ? { pyodide: restored.pyodide, snapshotWritten: false } : await loadCold();
  const { pyodide } = loaded;
  pyodide.setStdout(rawOutput);
  pyodide.setStderr(rawOutput);
  pyodide.setInterruptBuffer(new Int32Array(data.interruptBuffer));
  const glue = pyodide.pyimport('advpy_embedded') as unknown as Glue;
  // Looked up once: a PyProxy made during a run would not survive the reset.
  const entry: Glue = { start: glue.start, handle: glue.handle };
  const pythonVersion = String(pyodide.runPython('import sys; sys.version.split()[0]'));
  const taken = checkpoint(pyodide, cutTimers);
  const startup: EmbeddedStartup = {
    source: 'pyodide' in restored ? 'snapshot' : 'cold',
    loadMs: Math.round(performance.now() - started),
    snapshotWritten: loaded.snapshotWritten,
    pythonVersion,
    pyodideVersion,
  };
  if ('problem' in restored) startup.snapshotProblem = restored.problem;
  if ('reason' in taken) startup.resetProblem = taken.reason;
  return { pyodide, glue: entry, startup, checkpoint: 'reason' in taken ? undefined : taken };
}

function start(loaded: Loaded, cwd: string, outputCap: number): unknown {
  mountHostDir(loaded.pyodide, cwd);
  loaded.checkpoint?.runStarted();
  // The main thread checks the version; a bridge older than versions returns None (undefined here).
  return loaded.glue.start(cwd, outputCap, (text) => send({ type: 'stacks', text }));
}

async function main(): Promise<void> {
  const loaded = await load();
  trace('embedded worker: loaded');
  send({ type: 'loaded', startup: loaded.startup });
  let running = false;
  port?.on('message', (message: ToWorker) => {
    try {
      switch (message.type) {
        case 'start':
          running = true;
          send({ type: 'started', protocol: start(loaded, message.cwd, message.outputCap) });
          break;
        case 'request':
          if (!running) throw new Error('request before start');
          send({ type: 'response', id: message.id, line: loaded.glue.handle(message.line) });
          break;
        case 'reset': {
          running = false;
          const started = performance.now();
          const reset = loaded.checkpoint?.restore() ?? { ok: false, reason: loaded.startup.resetProblem ?? 'no checkpoint' };
          trace(() => `embedded worker: reset ${reset.ok ? 'done' : `refused (${reset.reason})`} in ${(performance.now() - started).toFixed(1)} ms`);
          send(reset.ok ? { type: 'reset', ok: true } : { type: 'reset', ok: false, reason: reset.reason });
          break;
        }
      }
    } catch (error) {
      // Session.handle turns every Python exception into a response, so reaching here means
      // Pyodide itself failed (a fatal error, os._exit): this interpreter is done.
      const status = (error as { status?: unknown } | null)?.status;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      send(typeof status === 'number' ? { type: 'fatal', message, exitCode: status } : { type: 'fatal', message });
    }
  });
}

main().catch((error: unknown) => {
  send({ type: 'fatal', message: `Pyodide did not load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
});
