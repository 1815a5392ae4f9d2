/** The user's cache folder for advpy-kata: derived data only, safe to delete. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ADVPY_CACHE_DIR) return env.ADVPY_CACHE_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'advpy-kata', 'Cache');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'advpy-kata');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'advpy-kata');
}
