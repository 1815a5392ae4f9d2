/**
 * Where a resident runner for this invocation listens. Both ends compute the same
 * address from the same facts (see identityText). Loaded by every `run` before
 * anything else, so it loads no more of Node than it needs.
 */
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityHash, identityText, socketPath } from '../core/resident-protocol.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { userCacheDir } from '../workspace/cache-dir.js';

/** The built CLI: rebuilding or reinstalling the package rewrites it. */
const CLI_BUNDLE = join(PACKAGE_ROOT, 'dist', 'cli-bundle', 'main.js');

/** The bin a resident runner is started with. */
export const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');

export interface ResidentAddress {
  /** A hash of the runner's identity. */
  id: string;
  /** The socket (a named pipe on Windows). */
  path: string;
}

/** One stat: cheap enough for every `run` to pay. */
function buildStamp(): string {
  try {
    const stats = statSync(CLI_BUNDLE);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'unbuilt';
  }
}

/** A folder under the temporary one that only this user may use, for socket paths too long for the cache folder. */
function privateTmpDir(): string {
  return join(tmpdir(), `advpy-kata-${process.getuid?.() ?? 'user'}`);
}

export function residentAddress(env: NodeJS.ProcessEnv, cwd: string): ResidentAddress {
  const text = identityText({ packageRoot: PACKAGE_ROOT, buildStamp: buildStamp(), nodePath: process.execPath, nodeVersion: process.version, cwd, env });
  const id = identityHash(text);
  return { id, path: socketPath(id, process.platform, userCacheDir(env), privateTmpDir(), join) };
}
