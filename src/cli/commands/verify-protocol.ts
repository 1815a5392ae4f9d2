/**
 * What `verify` and its worker processes say over the IPC channel. Both ends are
 * the same build of advpy-kata, so the guards only check the shape they branch on.
 *
 *   worker -> parent  { type: 'ready' }                  listening; send the settings
 *   parent -> worker  { type: 'setup', settings }        once, first
 *   parent -> worker  { type: 'run', run }               one at a time
 *   worker -> parent  { type: 'entry', index, entry }    the run's verdict
 *
 * The parent ends a worker by disconnecting. Exercises travel by id: each side has
 * the course, and the parent re-attaches its own Exercise objects to the entries.
 */
import type { Exercise } from '../../core/manifest.js';
import type { VerifyEntry, VerifyTarget } from '../../core/verify.js';
import type { CourseRunnerOptions } from '../../runner/course-runner.js';
import type { VerifyRun } from './verify-runs.js';

/** The hidden command a worker process runs (program.ts). */
export const VERIFY_WORKER_COMMAND = '__verify-worker';

/** The runner settings the parent chose (flags, config, environment), used as given so every worker runs alike. */
export type WorkerSettings = Omit<CourseRunnerOptions, 'env' | 'exercises'>;

export interface WireRun extends Omit<VerifyRun, 'exercise'> {
  /** Where the run sits in the parent's list, so its entry goes back in course order. */
  index: number;
  exerciseId: string;
}

export type WireEntry = Omit<VerifyEntry, 'exercise'> & { exerciseId: string };

export type ToWorker = { type: 'setup'; settings: WorkerSettings } | { type: 'run'; run: WireRun };
export type FromWorker = { type: 'ready' } | { type: 'entry'; index: number; entry: WireEntry };

export function runToWire(run: VerifyRun, index: number): WireRun {
  const { exercise, ...rest } = run;
  return { index, exerciseId: exercise.id, ...rest };
}

export function runFromWire(wire: WireRun, exercises: readonly Exercise[]): VerifyRun {
  const { index: _index, exerciseId, ...rest } = wire;
  return { exercise: exerciseById(exercises, exerciseId), ...rest };
}

export function entryToWire(entry: VerifyEntry): WireEntry {
  const { exercise, ...rest } = entry;
  return { exerciseId: exercise.id, ...rest };
}

export function entryFromWire(wire: WireEntry, exercises: readonly Exercise[]): VerifyEntry {
  const { exerciseId, ...rest } = wire;
  return { exercise: exerciseById(exercises, exerciseId), ...rest };
}

function exerciseById(exercises: readonly Exercise[], id: string): Exercise {
  const exercise = exercises.find((candidate) => candidate.id === id);
  if (exercise === undefined) throw new Error(`the verify worker protocol named an exercise not in the course: ${id}`);
  return exercise;
}

function typeOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
}

export function isToWorker(message: unknown): message is ToWorker {
  const type = typeOf(message);
  if (type === 'setup') return typeof (message as { settings?: unknown }).settings === 'object';
  return type === 'run' && typeof (message as { run?: { exerciseId?: unknown } }).run?.exerciseId === 'string';
}

export function isFromWorker(message: unknown): message is FromWorker {
  const type = typeOf(message);
  if (type === 'ready') return true;
  const { index, entry } = message as { index?: unknown; entry?: { exerciseId?: unknown } };
  return type === 'entry' && Number.isInteger(index) && typeof entry?.exerciseId === 'string';
}
