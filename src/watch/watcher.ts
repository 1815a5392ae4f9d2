/**
 * Notices saves to exercise files, however the editor saves: writing in place,
 * writing a temp file and renaming it over the original (VS Code, JetBrains
 * "safe write", vim's default), or deleting then creating. The folder is
 * watched, not the file, because a rename replaces the file being watched.
 * Bursts are debounced, and a save that did not change the content is ignored.
 */
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { contentHash } from '../workspace/files.js';
import { trace } from '../trace.js';

export interface SaveWatcher {
  close(): Promise<void>;
}

export interface SaveWatcherOptions {
  /** Folder holding `<chapter>/<NN>_<name>.py`. */
  root: string;
  /** Workspace-relative path (`<chapter>/<file>.py`, forward slashes) to exercise id, for the files that matter. */
  idsByPath: ReadonlyMap<string, string>;
  onSave(id: string): void;
  /** Poll instead of using OS events (network drives, WSL mounts). */
  poll?: boolean;
  debounceMs?: number;
}

/** How long chokidar ignores further change events of a file after reporting one (its `_throttle('change', path, 50)`). */
const CHOKIDAR_CHANGE_THROTTLE_MS = 50;

export async function watchSaves(options: SaveWatcherOptions): Promise<SaveWatcher> {
  const { watch } = await import('chokidar');
  const hashes = new Map<string, string>();
  // Remember what is on disk now, so touching a file without changing it runs nothing.
  await Promise.all(
    [...options.idsByPath.keys()].map(async (path) => {
      try {
        hashes.set(path, contentHash(await readFile(`${options.root}/${path}`)));
      } catch {
        // A missing file is fine: its first save will run it.
      }
    }),
  );
  const timers = new Map<string, NodeJS.Timeout>();
  const rechecks = new Map<string, NodeJS.Timeout>();
  // Editors finish a save (write, or write-then-rename) within a few ms; 15 ms keeps one save one run.
  const debounceMs = options.debounceMs ?? 15;

  /** Run the exercise if its file now holds something not run yet. */
  const check = async (path: string, absolute: string, id: string): Promise<void> => {
    let content: Buffer;
    try {
      content = await readFile(absolute);
    } catch {
      return; // deleted, not yet re-created: the 'add' will come
    }
    const hash = contentHash(content);
    if (hashes.get(path) === hash) return;
    hashes.set(path, hash);
    trace('watch: save');
    options.onSave(id);
  };

  const settle = (absolute: string): void => {
    trace('watch: file event');
    const path = relative(options.root, absolute).split(sep).join('/');
    const id = options.idsByPath.get(path);
    if (id === undefined) return;
    const later = (map: Map<string, NodeJS.Timeout>, ms: number): void => {
      clearTimeout(map.get(path));
      map.set(
        path,
        setTimeout(() => {
          map.delete(path);
          void check(path, absolute, id);
        }, ms),
      );
    };
    later(timers, debounceMs);
    // chokidar drops a file's change events for 50 ms after it reports one: a save that
    // soon after the last (a verdict can take less) is only seen by looking again.
    later(rechecks, CHOKIDAR_CHANGE_THROTTLE_MS + debounceMs);
  };

  const watcher = watch(options.root, {
    ignoreInitial: true,
    usePolling: options.poll === true,
    interval: 200,
    // Editors' temp and backup files never name an exercise, so skip them early.
    ignored: (path, stats) => stats?.isFile() === true && !path.endsWith('.py'),
  });
  watcher.on('add', settle).on('change', settle);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      for (const timer of [...timers.values(), ...rechecks.values()]) clearTimeout(timer);
      await watcher.close();
    },
  };
}
