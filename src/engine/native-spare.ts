/**
 * A native interpreter started before a run asks for one, so the run does not wait for
 * CPython to start and import the bridge (about 100 ms on a 2-core machine). Two callers
 * start one: every run's setup, while Vitest imports the suite (engine-setup.ts); and in
 * watch mode, the end of a run, for the learner's next save (the spare).
 *
 * Isolation is unchanged: the interpreter has run nothing but the bridge. The learner's
 * file is imported by the run's first request, after the save, exactly as in a process
 * started on demand. One that died while it waited (a cancelled run ends every reported
 * process) or that was started for another interpreter, folder or runner is not used;
 * the run starts its own.
 *
 * The slot lives on `globalThis`: run from source, Vitest evaluates this module afresh
 * for each run in its warm thread, and a module-level variable would forget (and leak)
 * the interpreter.
 */
import { startNative, type NativeInterpreterHandle, type NativeOptions } from './native.js';

/** Started this long after a run ends, so it never competes with the run's verdict for a core. */
const SPARE_DELAY_MS = 100;

interface SpareSlot {
  key: string;
  /** Set until the spare is started. */
  timer?: NodeJS.Timeout;
  started?: Promise<NativeInterpreterHandle>;
}

const SLOT = Symbol.for('advpy-kata/native-spare');
type Holder = { [SLOT]?: SpareSlot };

function keyOf(options: NativeOptions): string {
  return JSON.stringify([options.python, options.cwd, options.outputCap, options.reportTo ?? '']);
}

/** A started interpreter for these options, or undefined when there is no usable spare. */
export async function takeNativeSpare(options: NativeOptions): Promise<NativeInterpreterHandle | undefined> {
  const holder = globalThis as Holder;
  const slot = holder[SLOT];
  holder[SLOT] = undefined;
  if (slot === undefined) return undefined;
  clearTimeout(slot.timer);
  if (slot.started === undefined) return undefined;
  const matches = slot.key === keyOf(options);
  const spare = await slot.started.catch(() => undefined);
  if (spare === undefined) return undefined;
  if (matches && spare.usable) return spare;
  await spare.close();
  return undefined;
}

/** Start a spare for the next run with these options (replacing any other), shortly. */
export function prepareNativeSpare(options: NativeOptions): void {
  void discardNativeSpare();
  const slot: SpareSlot = { key: keyOf(options) };
  // asyncio costs 60 ms to import, and the suites of 15, 23, 32, 33 and 35 use it.
  slot.timer = setTimeout(() => launch(slot, { ...options, preload: ['asyncio'] }), SPARE_DELAY_MS);
  // Waiting to start one must not keep a finished process alive.
  slot.timer.unref();
  (globalThis as Holder)[SLOT] = slot;
}

/**
 * Make sure an interpreter for these options is starting now: a run's setup calls this
 * before its suite file is transformed and imported, so CPython starts meanwhile. A
 * spare already there for the same options is kept (started at once if it was waiting).
 */
export function startNativeEarly(options: NativeOptions): void {
  const slot = (globalThis as Holder)[SLOT];
  if (slot?.key === keyOf(options)) {
    if (slot.started === undefined) {
      clearTimeout(slot.timer);
      launch(slot, options);
    }
    return;
  }
  void discardNativeSpare();
  const fresh: SpareSlot = { key: keyOf(options) };
  launch(fresh, options);
  (globalThis as Holder)[SLOT] = fresh;
}

function launch(slot: SpareSlot, options: NativeOptions): void {
  slot.timer = undefined;
  slot.started = startNative(options);
  // Nobody awaits it until the run asks; one that failed to start is simply not used.
  slot.started.catch(() => undefined);
}

/** End the spare, if there is one. */
export async function discardNativeSpare(): Promise<void> {
  const holder = globalThis as Holder;
  const slot = holder[SLOT];
  holder[SLOT] = undefined;
  if (slot === undefined) return;
  clearTimeout(slot.timer);
  const spare = await slot.started?.catch(() => undefined);
  await spare?.close();
}
