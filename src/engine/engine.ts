/**
 * What every Python engine provides: one fresh interpreter per suite run that
 * answers bridge requests. Engines differ in how they run Python, not in what
 * a request means.
 */
import type { BridgeRequest, BridgeResponse } from './protocol.js';

export type EngineKind = 'native' | 'embedded';

export interface PythonInterpreter {
  /** For messages, e.g. "CPython 3.13.0 (/usr/bin/python3.13)". */
  readonly description: string;
  /**
   * Send one request. Rejects with {@link BridgeTimeoutError} when it takes longer
   * than `timeoutMs` (the interpreter is then gone) or {@link BridgeCrashError}
   * when the interpreter dies.
   */
  request(request: BridgeRequest, timeoutMs: number): Promise<BridgeResponse>;
  /** End the interpreter. Safe to call twice. */
  close(): Promise<void>;
}

/** A request outlived its time; `stacks` is what Python was doing at that moment. */
export class BridgeTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    /** faulthandler's dump of every thread, or '' when none could be had. */
    readonly stacks: string,
  ) {
    super(`Python did not finish within ${timeoutMs} ms`);
    this.name = 'BridgeTimeoutError';
  }
}

/** The interpreter ended while a request was in flight. */
export class BridgeCrashError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly signal: string | null,
    /** The last of what the interpreter wrote to its real stdout and stderr. */
    readonly output: string,
  ) {
    super(
      signal !== null
        ? `the Python process was killed by ${signal}`
        : `the Python process exited with code ${String(exitCode)}`,
    );
    this.name = 'BridgeCrashError';
  }
}
