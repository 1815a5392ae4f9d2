/** An in-memory Io for command tests: what a command printed, without a terminal. */
import { EventEmitter } from 'node:events';
import type { Io } from '../../src/cli/io.js';

export interface MemoryIo extends Io {
  out(): string;
  err(): string;
}

export function memoryIo(cwd: string, env: NodeJS.ProcessEnv = {}): MemoryIo {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(new EventEmitter(), { isTTY: false, resume() {}, pause() {} });
  return {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin,
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    color: false,
    out: () => stdout,
    err: () => stderr,
  };
}
