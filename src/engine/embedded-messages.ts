/**
 * What the embedded engine's main thread and its Pyodide worker say to each other.
 * Requests and responses travel as JSON text so the Python side parses and writes
 * exactly what the native engine's pipes carry.
 */

/** Given to the worker at spawn; it loads Pyodide before it knows which folder it will serve. */
export interface EmbeddedWorkerData {
  /** The installed `pyodide` package folder, with a trailing slash: the only place files load from. */
  indexURL: string;
  /** Host path of the package's `python/` folder (the bridge). */
  bridgeDir: string;
  /** Where the memory snapshot for this Pyodide and bridge version lives (or will be written). */
  snapshotPath: string;
  /** One Int32 slot; the main thread stores 2 (SIGINT) there to interrupt running Python. */
  interruptBuffer: SharedArrayBuffer;
}

export type ToWorker =
  | { type: 'start'; cwd: string; outputCap: number }
  | { type: 'request'; id: number; line: string }
  /** The run is over: put the interpreter back to its checkpoint for the next one. */
  | { type: 'reset' };

/** How this worker's interpreter came to be; reported for diagnostics, tests and benchmarks. */
export interface EmbeddedStartup {
  source: 'snapshot' | 'cold';
  /** Why a cold load happened: no snapshot yet, or one that could not be used. */
  snapshotProblem?: string;
  /** Time spent inside the worker to get a usable interpreter (excludes spawning the thread). */
  loadMs: number;
  /** Whether this worker wrote a new snapshot (after a cold load). */
  snapshotWritten: boolean;
  /** Why this interpreter cannot be reset between runs (it then serves one run); unset when it can. */
  resetProblem?: string;
  pythonVersion: string;
  pyodideVersion: string;
}

export type FromWorker =
  | { type: 'loaded'; startup: EmbeddedStartup }
  /** `protocol` is what the bridge's `start()` announced (see BRIDGE_PROTOCOL_VERSION). */
  | { type: 'started'; protocol: unknown }
  | { type: 'response'; id: number; line: string }
  /** The interpreter is back at its checkpoint, or (with the reason) cannot be reused. */
  | { type: 'reset'; ok: true }
  | { type: 'reset'; ok: false; reason: string }
  /** Sent from inside the SIGINT handler, so it arrives even if Python never returns. */
  | { type: 'stacks'; text: string }
  /** What reached Pyodide's own stdout/stderr (outside any request's capture), kept for crash reports. */
  | { type: 'output'; text: string }
  /** The interpreter can no longer be used (load failure, JavaScript-level error, exit). */
  | { type: 'fatal'; message: string; exitCode?: number };
