/**
 * Reading and writing the learner's progress. Writes are atomic. A corrupt file
 * is never thrown away: it is kept beside the new one as a backup, whatever
 * entries in it still make sense are salvaged, and the caller gets a message.
 */
import { copyFile, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EXIT, KataError } from '../core/errors.js';
import type { Exercise } from '../core/manifest.js';
import { STATE_FORMAT_VERSION, initialState, reconcileState, type State } from '../core/state.js';
import { isNotFound, writeFileAtomic } from './files.js';
import { ValidationCache, contentHash } from './validation-cache.js';

export interface LoadedState {
  state: State;
  /** Things the learner should be told (a backup was made, the course changed). */
  notices: string[];
  /**
   * Set when the file was written by a newer advpy-kata (its format version): the
   * state is read as far as this version understands it, and must not be written.
   */
  newerFormat?: number;
}

/** The format version a state text claims, when it is JSON with a numeric one. */
function claimedFormat(text: string): number | undefined {
  try {
    const raw = JSON.parse(text) as { formatVersion?: unknown } | null;
    return typeof raw?.formatVersion === 'number' ? raw.formatVersion : undefined;
  } catch {
    return undefined;
  }
}

/** Said wherever a newer progress file stops a write: which version, and what to do. */
export function stateTooNewError(file: string, format: number): KataError {
  return new KataError(
    'STATE_TOO_NEW',
    `Your progress file ${file} was written by a newer advpy-kata (state format ${format}; this version knows ${STATE_FORMAT_VERSION}), so this version will not change it.`,
    'Upgrade: `npm install advpy-kata@latest` in the workspace (or use `npx advpy-kata@latest`). Your progress is untouched.',
    EXIT.usage,
  );
}

export async function readState(file: string, exercises: readonly Exercise[], now = new Date()): Promise<LoadedState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return { state: initialState(exercises), notices: [] };
    throw error;
  }
  const format = claimedFormat(text);
  if (format !== undefined && format > STATE_FORMAT_VERSION) {
    // Read what this version understands; never back up, rebuild or rewrite it.
    const parsed = await parseStateText(text);
    const state = reconcileState(parsed.ok ? parsed.state : parsed.salvage, exercises).state;
    return {
      state,
      newerFormat: format,
      notices: [
        `Your progress file was written by a newer advpy-kata (state format ${format}). ` +
          'This version shows it as far as it can and will not change it; upgrade with `npm install advpy-kata@latest`.',
      ],
    };
  }
  const cache = ValidationCache.read(dirname(file));
  const parsed = cache.has(contentHash(text)) ? { ok: true as const, state: JSON.parse(text) as State } : await parseStateText(text);
  if (parsed.ok) {
    const { state, changes } = reconcileState(parsed.state, exercises);
    return { state, notices: changes.length > 0 ? [`The course changed since your last run: ${changes.join('; ')}.`] : [] };
  }
  const backup = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await copyFile(file, backup);
  const salvaged = reconcileState(parsed.salvage, exercises).state;
  // Count after reconciling, so entries for exercises the course no longer has are not "recovered".
  const kept = Object.values(salvaged.exercises).filter((progress) => progress.status === 'done').length;
  return {
    state: salvaged,
    notices: [
      `Your progress file ${file} was damaged (${parsed.problem}). It is kept as ${backup}; ` +
        `${kept} finished exercise(s) were recovered from it. Run \`advpy-kata verify\` to re-check the rest.`,
    ],
  };
}

type ParsedState = { ok: true; state: State } | { ok: false; problem: string; salvage: State };

/** Parse a state file, salvaging the valid per-exercise entries from a damaged one. */
export async function parseStateText(text: string): Promise<ParsedState> {
  const { ExerciseProgressSchema, StateSchema } = await import('../core/state-schema.js');
  const empty: State = { formatVersion: STATE_FORMAT_VERSION, current: '', exercises: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}`, salvage: empty };
  }
  const parsed = StateSchema.safeParse(raw);
  if (parsed.success) return { ok: true, state: parsed.data };
  const problem = parsed.error.issues[0];
  const salvage: State = { ...empty, exercises: {} };
  const record = raw as { current?: unknown; exercises?: unknown } | null;
  if (record && typeof record === 'object') {
    if (typeof record.current === 'string') salvage.current = record.current;
    if (record.exercises && typeof record.exercises === 'object') {
      for (const [id, entry] of Object.entries(record.exercises as Record<string, unknown>)) {
        const progress = ExerciseProgressSchema.safeParse(entry);
        if (progress.success) salvage.exercises[id] = progress.data;
      }
    }
  }
  return { ok: false, problem: problem ? `${problem.path.join('.') || '(root)'}: ${problem.message}` : 'invalid', salvage };
}

export async function writeState(file: string, state: State): Promise<void> {
  // The one place every writer passes: a newer version's file is never overwritten.
  let existing: string | undefined;
  try {
    existing = await readFile(file, 'utf8');
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const format = existing === undefined ? undefined : claimedFormat(existing);
  if (format !== undefined && format > STATE_FORMAT_VERSION) throw stateTooNewError(file, format);
  const text = `${JSON.stringify(state, null, 2)}\n`;
  await writeFileAtomic(file, text);
  // Written from a valid State, so the next read can skip validating it.
  await ValidationCache.read(dirname(file)).remember(contentHash(text));
}
