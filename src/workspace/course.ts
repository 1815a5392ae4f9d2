/**
 * Reading the course this package ships: manifest, stubs, suites, solutions.
 * The build validates course/course.json and records its hash in
 * dist/course.validated; an unchanged manifest is then read without zod.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KataError } from '../core/errors.js';
import { deriveExercise, type Course } from '../core/exercise.js';
import type { Manifest } from '../core/manifest.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { contentHash } from './validation-cache.js';

export const COURSE_ROOT = PACKAGE_ROOT;
export const MANIFEST_PATH = join(COURSE_ROOT, 'course', 'course.json');
/** Written by `npm run build` (scripts/bundle.mjs): the hash of the manifest it validated. */
export const VALIDATED_MARKER = join(PACKAGE_ROOT, 'dist', 'course.validated');

/** Read and validate the manifest; every referenced file must exist. */
export async function readCourse(root = COURSE_ROOT): Promise<Course> {
  const path = join(root, 'course', 'course.json');
  let text: string;
  let raw: unknown;
  try {
    text = readFileSync(path, 'utf8');
    raw = JSON.parse(text);
  } catch (error) {
    throw new KataError('BAD_MANIFEST', `cannot read the course manifest ${path}: ${(error as Error).message}`,
      'Reinstall advpy-kata (`npm install advpy-kata@latest`); the package looks damaged.');
  }
  const fileExists = (relative: string): boolean => existsSync(join(root, relative));
  if (root === COURSE_ROOT && isValidatedAtBuild(text)) {
    const manifest = raw as Manifest;
    const exercises = manifest.exercises.map(deriveExercise);
    const missing = exercises.flatMap((exercise) => [exercise.stubPath, exercise.suitePath, exercise.solutionPath].filter((file) => !fileExists(file)));
    if (missing.length === 0) return { manifest, exercises };
  }
  const { parseManifest } = await import('../core/manifest.js');
  const result = parseManifest(raw, fileExists);
  if (!result.value) {
    throw new KataError('BAD_MANIFEST', `the course manifest ${path} is invalid:\n  ${result.errors.join('\n  ')}`,
      'Fix the fields named above; editors complete the file from schema/course.schema.json.');
  }
  return result.value;
}

function isValidatedAtBuild(text: string): boolean {
  try {
    return readFileSync(VALIDATED_MARKER, 'utf8').trim() === contentHash(text);
  } catch {
    return false;
  }
}
