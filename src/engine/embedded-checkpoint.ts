/**
 * Inside the embedded worker: put a used Pyodide back exactly as it was before its
 * first suite run, so the next run gets a fresh interpreter in milliseconds instead of
 * a new thread that loads Pyodide again (a second or more, and a second heap).
 *
 * Everything Python knows lives in the WebAssembly memory, so copying the memory back
 * restores every module, builtin and object byte for byte. What lives outside it is put
 * back too: the JavaScript values Python holds (hiwire slots), the stack pointer, the
 * open file descriptors and files left in /tmp. JavaScript objects a run created that
 * point into the memory (PyProxies, timers Python scheduled) are cut loose so they can
 * never touch the restored memory. Anything else changed (a file written outside /tmp,
 * a library loaded, the memory grown past a limit) means no reset: the caller ends the
 * thread and a freshly loaded interpreter serves the next run.
 *
 * This reads Pyodide internals (`pyodide._module`); the Pyodide version is pinned, and
 * {@link checkpoint} returns a reason instead of a checkpoint when any of them is missing.
 */
import type { PyodideAPI } from 'pyodide';

/** The memory may grow during a run; past this, the thread is ended to give it back. */
export const MAX_REUSED_MEMORY_BYTES = 256 * 1024 * 1024;

type FS = PyodideAPI['FS'];
interface FsNode {
  name: string;
  mode: number;
  mounted?: unknown;
  mount: { type: unknown };
  contents?: Record<string, FsNode>;
  usedBytes?: number;
  mtime?: unknown;
  link?: string;
}
type Stream = { fd: number | null } | null;
type Registry = { register(target: object, held: unknown, token?: object): void; unregister(token: object): boolean };

/** The parts of Pyodide's Emscripten module a reset reads and writes. */
interface Internals {
  HEAP8: Int8Array;
  finalizationRegistry: Registry;
  __hiwire_get(index: number): unknown;
  __hiwire_set(index: number, value: unknown): number;
  __hiwire_delete(index: number): void;
  /** A WebAssembly.Global (the types here have no WebAssembly declarations). */
  ___stack_pointer: { value: unknown };
  wasmTable: { length: number };
  LDSO: { loadedLibsByName: Record<string, unknown> };
}

export interface Checkpoint {
  /** Call once a run's session has started (its folder mounted): what the reset compares against. */
  runStarted(): void;
  /** Put the interpreter back as it was at the checkpoint; a reason when that cannot be done safely. */
  restore(): { ok: true } | { ok: false; reason: string };
}

/**
 * Timers Python scheduled (asyncio on Pyodide's own loop uses setTimeout) must not fire
 * into a restored memory. Call before Pyodide loads; returns what a reset calls to make
 * every timer scheduled so far a no-op when it comes due.
 */
export function guardTimers(): () => void {
  let generation = 0;
  const timers = globalThis as unknown as Record<'setTimeout' | 'setInterval' | 'setImmediate', (...args: unknown[]) => unknown>;
  const { setTimeout: realTimeout, setInterval: realInterval, setImmediate: realImmediate } = timers;
  const { clearInterval: realClearInterval } = globalThis;
  timers.setTimeout = (callback: unknown, delay?: unknown, ...args: unknown[]) => {
    const born = generation;
    return realTimeout(() => born === generation && (callback as (...a: unknown[]) => void)(...args), delay);
  };
  timers.setImmediate = (callback: unknown, ...args: unknown[]) => {
    const born = generation;
    return realImmediate(() => born === generation && (callback as (...a: unknown[]) => void)(...args));
  };
  timers.setInterval = (callback: unknown, delay?: unknown, ...args: unknown[]) => {
    const born = generation;
    const handle = realInterval(() => {
      if (born === generation) (callback as (...a: unknown[]) => void)(...args);
      else realClearInterval(handle as NodeJS.Timeout);
    }, delay);
    return handle;
  };
  return () => {
    generation++;
  };
}

/** Remember the interpreter as it is now (loaded, bridge imported, no learner code run). */
export function checkpoint(pyodide: PyodideAPI, cutTimers: () => void): Checkpoint | { reason: string } {
  const module = (pyodide as unknown as { _module?: Partial<Internals> })._module;
  const missing = (['HEAP8', 'finalizationRegistry', '__hiwire_get', '__hiwire_set', '__hiwire_delete', '___stack_pointer', 'wasmTable', 'LDSO'] as const).filter(
    (name) => module?.[name] === undefined,
  );
  if (module === undefined || missing.length > 0) return { reason: `this Pyodide lacks ${missing.join(', ') || '_module'}` };
  const internals = module as Internals;
  const { FS } = pyodide;

  // PyProxies made from now on are a run's: remembered, so a reset can unhook them from
  // the registry whose finalizer would otherwise decref their pointer in the restored memory.
  const registry = internals.finalizationRegistry;
  const runTokens = new Set<object>();
  internals.finalizationRegistry = {
    register(target, held, token) {
      if (token !== undefined) runTokens.add(token);
      registry.register(target, held, token);
    },
    unregister(token) {
      runTokens.delete(token);
      return registry.unregister(token);
    },
  };

  const memory = copyMemory(internals.HEAP8);
  const slots = hiwireSlots(internals);
  const stackPointer = internals.___stack_pointer.value;
  const streams: Stream[] = [...(FS.streams as Stream[])];
  const tableLength = internals.wasmTable.length;
  const libraries = Object.keys(internals.LDSO.loadedLibsByName).length;
  let baseline: { tmp: Set<string>; files: string } | undefined;

  return {
    runStarted() {
      baseline = { tmp: new Set(FS.readdir('/tmp') as string[]), files: fingerprint(FS) };
    },
    restore() {
      for (const token of runTokens) registry.unregister(token);
      runTokens.clear();
      cutTimers();
      if (internals.wasmTable.length !== tableLength) return { ok: false, reason: 'the run added functions to the WebAssembly table' };
      if (Object.keys(internals.LDSO.loadedLibsByName).length !== libraries) return { ok: false, reason: 'the run loaded a shared library' };
      if (internals.HEAP8.byteLength > MAX_REUSED_MEMORY_BYTES) return { ok: false, reason: `the run grew the memory to ${internals.HEAP8.byteLength >> 20} MB` };
      restoreStreams(FS, streams);
      if (baseline !== undefined) {
        for (const name of FS.readdir('/tmp') as string[]) {
          if (name !== '.' && name !== '..' && !baseline.tmp.has(name)) removeTree(FS, `/tmp/${name}`);
        }
        if (fingerprint(FS) !== baseline.files) return { ok: false, reason: 'the run changed files in the in-memory file system outside /tmp' };
        baseline = undefined;
      }
      memory.restore(internals.HEAP8);
      for (let index = 0, size = hiwireSize(internals); index < size; index++) {
        if (index < slots.length) internals.__hiwire_set(index, slots[index]);
        else internals.__hiwire_delete(index);
      }
      internals.___stack_pointer.value = stackPointer;
      return { ok: true };
    },
  };
}

/** Pages of this size that are all zero (about half of a fresh Pyodide's memory) are not stored. */
const PAGE_BYTES = 4096;

/**
 * A copy of the WebAssembly memory that keeps only its non-zero pages, and writes it
 * back over a memory that may have grown since, zeroing everything else.
 */
export function copyMemory(heap: Int8Array): { bytes: number; restore(target: Int8Array): void } {
  // Kept as a number: growing the memory detaches `heap`, whose length then reads 0.
  const length = heap.byteLength;
  const source = new Uint8Array(heap.buffer, heap.byteOffset, length);
  const words = new Int32Array(heap.buffer, heap.byteOffset, length >> 2);
  const wordsPerPage = PAGE_BYTES >> 2;
  /** Alternating runs of pages: [start byte, end byte, kept] with kept runs stored in order. */
  const runs: Array<{ start: number; end: number; kept: boolean }> = [];
  for (let page = 0; page * PAGE_BYTES < length; page++) {
    let kept = false;
    for (let word = page * wordsPerPage, end = Math.min(words.length, word + wordsPerPage); word < end; word++) {
      if (words[word] !== 0) {
        kept = true;
        break;
      }
    }
    const start = page * PAGE_BYTES;
    const end = Math.min(length, start + PAGE_BYTES);
    const last = runs.at(-1);
    if (last?.kept === kept) last.end = end;
    else runs.push({ start, end, kept });
  }
  const stored = new Uint8Array(runs.reduce((sum, run) => sum + (run.kept ? run.end - run.start : 0), 0));
  let offset = 0;
  for (const run of runs) {
    if (!run.kept) continue;
    stored.set(source.subarray(run.start, run.end), offset);
    offset += run.end - run.start;
  }
  return {
    bytes: stored.byteLength,
    restore(target) {
      let at = 0;
      for (const run of runs) {
        if (run.kept) {
          target.set(stored.subarray(at, at + run.end - run.start) as unknown as Int8Array, run.start);
          at += run.end - run.start;
        } else {
          target.fill(0, run.start, run.end);
        }
      }
      if (target.byteLength > length) target.fill(0, length);
    },
  };
}

/** The JavaScript values Python holds, by slot (the table only grows, and reading past its end throws). */
function hiwireSlots(internals: Internals): unknown[] {
  const slots: unknown[] = [];
  for (let index = 0, size = hiwireSize(internals); index < size; index++) slots.push(internals.__hiwire_get(index));
  return slots;
}

function hiwireSize(internals: Internals): number {
  let size = 0;
  for (;;) {
    try {
      internals.__hiwire_get(size);
    } catch {
      return size;
    }
    size++;
  }
}

/** Close descriptors the run opened and put back the ones it closed or replaced (0, 1 and 2 above all). */
function restoreStreams(FS: FS, streams: readonly Stream[]): void {
  const open = FS.streams as Stream[];
  for (let fd = 0; fd < Math.max(open.length, streams.length); fd++) {
    const current = open[fd] ?? null;
    const original = streams[fd] ?? null;
    if (current === original) continue;
    if (current !== null) {
      try {
        FS.close(current as never);
      } catch {
        // Already half-closed by the run: dropping it is all that is left to do.
      }
    }
    open[fd] = original;
    if (original !== null) original.fd = fd;
  }
}

function removeTree(FS: FS, path: string): void {
  const node = FS.lookupPath(path, { follow: false }).node as unknown as FsNode;
  if (FS.isDir(node.mode)) {
    for (const name of FS.readdir(path) as string[]) if (name !== '.' && name !== '..') removeTree(FS, `${path}/${name}`);
    FS.rmdir(path);
  } else {
    FS.unlink(path);
  }
}

/**
 * The in-memory file system's shape, outside mounted host folders: names, kinds, sizes
 * and modification times of files and links. Directories count by their entries only,
 * since adding and removing a temporary file changes the folder's own time.
 */
function fingerprint(FS: FS): string {
  const lines: string[] = [];
  const walk = (node: FsNode, path: string): void => {
    if (FS.isDir(node.mode)) {
      lines.push(`${path}/`);
      if (node.mounted || node.mount.type !== FS.filesystems.MEMFS) return;
      for (const name of Object.keys(node.contents ?? {}).sort()) {
        const child = node.contents?.[name];
        if (child !== undefined) walk(child, `${path}/${name}`);
      }
      return;
    }
    lines.push(`${path} ${node.mode} ${node.usedBytes ?? ''} ${String(node.mtime)} ${node.link ?? ''}`);
  };
  walk(FS.root as unknown as FsNode, '');
  return lines.join('\n');
}
