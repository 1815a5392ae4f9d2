/** Starting a resident runner, after a `run` that no runner answered (see client.ts). */
import { spawn } from 'node:child_process';
import { RESIDENT_COMMAND, residentEligibility } from '../core/resident-protocol.js';
import { BIN } from './address.js';

/**
 * Start a runner in the background, detached, for the next `run` from this folder.
 * Only after a command that got as far as a verdict (exit 0 or 1), so a mistyped
 * exercise or a folder that is not a workspace starts nothing. If a runner is
 * already up (it refused this command, say), the new one sees that and ends at once.
 *
 * `env` must be the environment the command started with: the runner's identity is
 * computed from it, and running the command here let Vite add to process.env.
 */
export function startResident(argv: readonly string[], code: number, env: NodeJS.ProcessEnv, cwd: string): void {
  if ((code !== 0 && code !== 1) || !residentEligibility(argv, env).ok) return;
  try {
    const child = spawn(process.execPath, [BIN, RESIDENT_COMMAND], { cwd, env, detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No runner this time: the next `run` is simply as fast as this one was.
  }
}
