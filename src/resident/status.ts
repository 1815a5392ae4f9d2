/** Whether a resident runner serves `run` in this folder, for `doctor` and for a runner about to start. */
import { connect } from 'node:net';
import { idleMs, residentEligibility } from '../core/resident-protocol.js';
import { residentAddress } from './address.js';

export type ResidentStatus =
  | { state: 'running' | 'not running'; socket: string; idleSeconds: number }
  | { state: 'off'; why: string };

export async function residentStatus(env: NodeJS.ProcessEnv, cwd: string): Promise<ResidentStatus> {
  const eligible = residentEligibility(['run'], env);
  if (!eligible.ok) return { state: 'off', why: eligible.why };
  const { path } = residentAddress(env, cwd);
  return { state: (await answers(path)) ? 'running' : 'not running', socket: path, idleSeconds: idleMs(env) / 1000 };
}

/** Whether a runner listens on `path`: a socket file left by one that died does not answer. */
export function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      // Connecting and leaving without a request: the runner takes that as nothing to do.
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
