/**
 * Whether the package's code changed under a resident runner: a course author
 * editing a suite or the Python bridge, or a rebuild. A runner still running the
 * old code steps aside (server.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** The package's files a run depends on; a runner whose files changed under it is stale. */
const CODE_DIRS = ['dist', 'python', 'course', 'exercises'];

/**
 * Calls `onChange` once, when any of the package's code changes: a course author
 * editing a suite or the bridge, or a rebuild. Watching costs a request nothing;
 * where watching is impossible (no inotify watches left), this returns undefined and
 * the caller compares codeFingerprint() before each request instead.
 */
export function watchCode(onChange: () => void, root: string = PACKAGE_ROOT): { close(): void } | undefined {
  const watchers: FSWatcher[] = [];
  let changed = false;
  const close = (): void => {
    for (const watcher of watchers) watcher.close();
  };
  const fire = (): void => {
    if (changed) return;
    changed = true;
    close();
    onChange();
  };
  try {
    for (const dir of CODE_DIRS) {
      const watcher = watch(join(root, dir), { recursive: true, persistent: false }, (_event, name) => {
        // Python writes bytecode caches beside the bridge; that is not a change of code.
        if (typeof name === 'string' && name.includes('__pycache__')) return;
        fire();
      });
      watcher.on('error', fire);
      watchers.push(watcher);
    }
  } catch {
    close();
    return undefined;
  }
  return { close };
}

/**
 * Size and time of every file a run loads: the built code, the Python bridge, the
 * course and its suites. A course author who edits a suite or rebuilds gets a new
 * runner on the next `run`. About 400 stats, 5–20 ms: the fallback when watchCode cannot watch.
 */
export function codeFingerprint(root: string = PACKAGE_ROOT): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      hash.update(`${dir}:absent\n`);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__pycache__') walk(path);
      } else {
        try {
          const stats = statSync(path);
          hash.update(`${path}:${stats.size}:${stats.mtimeMs}\n`);
        } catch {
          hash.update(`${path}:gone\n`);
        }
      }
    }
  };
  for (const dir of CODE_DIRS) walk(join(root, dir));
  return hash.digest('hex');
}
