/**
 * Probe results kept between runs, keyed by the interpreter's path and the
 * size and modification time of the file it resolves to: starting a Python to
 * ask what it is costs 20-50 ms each, and a machine often has several. An
 * upgrade in place changes the file, so its entry no longer matches. PYTHON_GIL
 * is part of the key because it changes what a free-threaded build reports.
 *
 * The cache is derived data: unreadable or damaged, it is ignored and rewritten.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProbedPython } from '../core/python-choice.js';

const FORMAT = 1;
const FILE = 'pythons.json';

interface Entry {
  size: number;
  mtimeMs: number;
  gil: string;
  probed: ProbedPython;
}

export class ProbeCache {
  private entries: Record<string, Entry> = {};
  private changed = false;

  constructor(
    private readonly dir: string | undefined,
    private readonly gilSetting: string,
  ) {
    if (dir === undefined) return;
    try {
      const raw = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { format?: unknown; entries?: unknown };
      if (raw.format === FORMAT && raw.entries !== null && typeof raw.entries === 'object') this.entries = raw.entries as Record<string, Entry>;
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
  }

  /** The stored probe of `path`, if the file it runs is unchanged since. */
  get(path: string): ProbedPython | undefined {
    const entry = this.entries[path];
    const stamp = fileStamp(path);
    if (!entry || !stamp || entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs || entry.gil !== this.gilSetting) return undefined;
    return entry.probed;
  }

  set(path: string, probed: ProbedPython): void {
    const stamp = fileStamp(path);
    // A probe that could not start (no such file) is not worth keeping: it costs nothing to repeat.
    if (!stamp) return;
    this.entries[path] = { ...stamp, gil: this.gilSetting, probed };
    this.changed = true;
  }

  /** Write the cache if anything changed; a failure to write only costs the next run some probes. */
  save(): void {
    if (!this.changed || this.dir === undefined) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const file = join(this.dir, FILE);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ format: FORMAT, entries: this.entries }));
      renameSync(temporary, file);
      this.changed = false;
    } catch {
      // Read-only or full cache folder: probing again next time is the only cost.
    }
  }
}

/** Size and modification time of the file `path` resolves to (symlinks followed). */
function fileStamp(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    const stat = statSync(path);
    return { size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}
