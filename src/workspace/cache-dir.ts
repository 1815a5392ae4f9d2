/** The user's cache folder for advpy-kata: derived data only, safe to delete. */
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.ADVPY_CACHE_DIR) return env.ADVPY_CACHE_DIR;
  if (platform === 'win32') return join(absoluteOr(env.LOCALAPPDATA, join(home, 'AppData', 'Local'), win32.isAbsolute), 'advpy-kata', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'advpy-kata');
  return join(absoluteOr(env.XDG_CACHE_HOME, join(home, '.cache'), posix.isAbsolute), 'advpy-kata');
}

/**
 * The folder a variable names, or the fallback when it is unset, empty or relative.
 * The XDG base directory spec says so for XDG_CACHE_HOME ("either not set or empty",
 * and relative paths are invalid): `XDG_CACHE_HOME= cmd` must not mean "the cwd".
 */
function absoluteOr(value: string | undefined, fallback: string, isAbsolute: (path: string) => boolean): string {
  return value !== undefined && value !== '' && isAbsolute(value) ? value : fallback;
}
