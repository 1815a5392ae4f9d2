/**
 * `npm install` in a fresh workspace, bounded in time: init must finish offline,
 * and must carry on when advpy-kata is not on the registry (a clone or a tarball).
 */
import { execute, type ExecuteResult } from '../engine/processes.js';

export const INSTALL_TIMEOUT_MS = 60_000;

export type InstallOutcome =
  | { kind: 'installed' }
  /** The registry answered that a pinned version does not exist. */
  | { kind: 'not-on-registry' }
  | { kind: 'offline'; reason: string }
  | { kind: 'no-npm' }
  | { kind: 'failed'; reason: string };

/** What an `npm install` run came to, from its exit and its output. */
export function classifyInstall(result: Pick<ExecuteResult, 'code' | 'stderr' | 'timedOut'>): InstallOutcome {
  if (result.code === 0) return { kind: 'installed' };
  if (result.timedOut) return { kind: 'offline', reason: 'no answer in time' };
  if (result.code === null) return { kind: 'no-npm' };
  const network = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH)\b/.exec(result.stderr);
  if (network) return { kind: 'offline', reason: network[1]! };
  if (/\bE404\b|\b404 Not Found\b|could not be found/.test(result.stderr)) return { kind: 'not-on-registry' };
  const firstError = result.stderr.split('\n').find((line) => line.startsWith('npm error') || line.startsWith('npm ERR!'));
  return { kind: 'failed', reason: firstError?.replace(/^npm (error|ERR!)\s*/, '').trim() || `npm exited with ${result.code}` };
}

/**
 * Run as `node <npm-cli.js>` when npx started us (npm_execpath names it), which
 * also works on Windows where `npm` is a .cmd that cannot be spawned directly.
 */
function npmCommand(env: NodeJS.ProcessEnv): { command: string; args: string[] } {
  const cli = env['npm_execpath'];
  if (cli !== undefined && /npm-cli\.c?js$/.test(cli)) return { command: process.execPath, args: [cli] };
  return { command: 'npm', args: [] };
}

export async function npmInstall(root: string, env: NodeJS.ProcessEnv, timeoutMs = INSTALL_TIMEOUT_MS): Promise<InstallOutcome> {
  const npm = npmCommand(env);
  const result = await execute(npm.command, [...npm.args, 'install', '--no-audit', '--no-fund'], {
    description: 'npm install', cwd: root, env, timeoutMs,
  });
  return classifyInstall(result);
}
