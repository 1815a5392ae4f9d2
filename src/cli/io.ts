/**
 * Everything a command may touch outside itself, injected so tests can run a
 * command against in-memory streams and a fixture directory.
 */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface InputStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

import type { RunnerSource } from '../runner/runner-source.js';

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether to colour output (NO_COLOR / FORCE_COLOR / TTY already applied). */
  color: boolean;
  /** Where `run` gets its runner: a resident runner passes the ones it keeps; by default each command makes its own. */
  runners?: RunnerSource;
  /** Aborted when whoever asked for the command stops waiting (a resident runner's client pressing Ctrl-C). */
  signal?: AbortSignal;
}

/** NO_COLOR wins, then FORCE_COLOR, then whether stdout is a terminal. */
export function wantsColor(env: NodeJS.ProcessEnv, stream: OutputStream): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    color: wantsColor(process.env, process.stdout),
  };
}
