/**
 * The learner's exercise files in a workspace: where each lives, how to show its
 * path, and putting a fresh copy back (`reset`). Shared by the commands and watch
 * mode, so neither reaches into the other.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parseBridges, withBridge } from '../core/bridge.js';
import type { FromLanguage } from '../core/explanations.js';
import type { Exercise } from '../core/manifest.js';
import { COURSE_ROOT } from './course.js';
import type { Workspace } from './workspace.js';

/** The learner's copy of an exercise, absolute. */
export function learnerFileIn(workspace: Workspace, exercise: Exercise): string {
  return join(workspace.exercisesDir, exercise.workspacePath);
}

/** Whether a traceback's file is the learner's: anything in the exercise's chapter folder. */
export function isLearnerFileIn(workspace: Workspace, exercise: Exercise): (file: string) => boolean {
  const folder = join(workspace.exercisesDir, exercise.chapter);
  return (file) => file.startsWith(folder);
}

/** A path as the learner should see it: relative to where they stand when that is shorter. */
export function displayPathFrom(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

/**
 * Restore the stub, keeping the learner's version; returns where the old file was
 * kept, if any. The file only: progress is not touched (see `reset`).
 */
export async function resetExerciseFile(workspace: Workspace, exercise: Exercise): Promise<string | undefined> {
  const target = learnerFileIn(workspace, exercise);
  let backup: string | undefined;
  if (existsSync(target)) {
    await mkdir(workspace.backupsDir, { recursive: true });
    backup = join(workspace.backupsDir, `${exercise.id}.${new Date().toISOString().replace(/[:.]/g, '-')}.py`);
    await copyFile(target, backup);
  }
  // The learner may have deleted the whole chapter folder; reset must bring it back too.
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, await stubText(exercise, workspace.config.from));
  return backup;
}

/**
 * The stub as this learner gets it: with the bridge paragraph for the language they
 * come from (`init --from`), else the shared one the course's stub carries.
 */
export async function stubText(exercise: Exercise, from: FromLanguage | undefined): Promise<string> {
  const stub = await readFile(join(COURSE_ROOT, exercise.stubPath), 'utf8');
  if (from === undefined) return stub;
  const bridges = parseBridges(await readFile(join(COURSE_ROOT, exercise.bridgePath), 'utf8'));
  return withBridge(stub, bridges[from]);
}
