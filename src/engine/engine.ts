/**
 * What every Python engine provides: one fresh interpreter per suite run that
 * answers bridge requests. Engines differ in how they run Python, not in what
 * a request means.
 */
import type { BridgeRequest, BridgeResponse } from '../core/protocol.js';

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

/**
 * The private channel to Python carried something the bridge never sends: the
 * code under test wrote to, closed or replaced the runner's file descriptors.
 * Nothing more that channel says can be trusted, so the interpreter is ended.
 */
export class BridgeChannelError extends Error {
  constructor(
    /** What arrived instead of a bridge message (cut short), or what happened to the channel. */
    readonly received: string,
  ) {
    super("the runner's private channel to Python was disturbed by the code under test");
    this.name = 'BridgeChannelError';
  }
}

/**
 * The Python half of the bridge speaks another protocol version than this TypeScript
 * half: the package's files come from two advpy-kata versions (a partly updated
 * install, or a checkout whose `dist/` is older than its `python/`). Caught at the
 * handshake, so it never surfaces later as a confusing failure mid-run.
 */
export class BridgeVersionError extends Error {
  constructor(
    /** The bridge file that answered, named so the stale file can be found. */
    readonly bridge: string,
    /** What it announced; null when it announced no version (older than versioned bridges). */
    readonly announced: number | null,
    readonly expected: number,
  ) {
    const spoke = announced === null ? 'announced no protocol version' : `speaks bridge protocol version ${announced}`;
    super(
      `The runner's Python bridge (${bridge}) ${spoke}, but this advpy-kata speaks version ${expected}: ` +
        'its files come from two different advpy-kata versions. Reinstall advpy-kata so they match ' +
        '(`npx advpy-kata@latest` fetches a fresh copy; in a checkout, run `npm run build`).',
    );
    this.name = 'BridgeVersionError';
  }
}

/** The interpreter ended while a request was in flight. */
export class BridgeCrashError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly signal: string | null,
    /** The last of what the interpreter wrote to its real stdout and stderr. */
    readonly output: string,
    /** faulthandler's dump on a fatal signal (SIGSEGV and the like): where Python was when it died. */
    readonly stacks = '',
  ) {
    super(
      signal !== null
        ? `the Python process was killed by ${signal}`
        : `the Python process exited with code ${String(exitCode)}`,
    );
    this.name = 'BridgeCrashError';
  }
}
