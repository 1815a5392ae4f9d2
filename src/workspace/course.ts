/** Reading the course this package ships: manifest, stubs, suites, solutions. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KataError } from '../core/errors.js';
import { parseManifest, type Course } from '../core/manifest.js';
import { PACKAGE_ROOT } from '../package-root.js';

export const COURSE_ROOT = PACKAGE_ROOT;
export const MANIFEST_PATH = join(COURSE_ROOT, 'course', 'course.json');

/** Read and validate the manifest; every referenced file must exist. */
export function readCourse(root = COURSE_ROOT): Course {
  const path = join(root, 'course', 'course.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new KataError('BAD_MANIFEST', `cannot read the course manifest ${path}: ${(error as Error).message}`,
      'Reinstall advpy-kata (`npm install advpy-kata@latest`); the package looks damaged.');
  }
  const result = parseManifest(raw, (relative) => existsSync(join(root, relative)));
  if (!result.value) {
    throw new KataError('BAD_MANIFEST', `the course manifest ${path} is invalid:\n  ${result.errors.join('\n  ')}`,
      'Fix the fields named above; editors complete the file from schema/course.schema.json.');
  }
  return result.value;
}
