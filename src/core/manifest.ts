/**
 * The course manifest (`course/course.json`): every chapter and exercise, validated
 * at the boundary. File paths are derived from number, name and chapter by the
 * syllabus's fixed convention rather than stored, so they can never disagree.
 */
import { z } from 'zod';
import { CAPABILITIES } from './capabilities.js';
import { deriveExercise, formatPath, type Course } from './exercise.js';

export { deriveExercise, formatPath, type Course, type Exercise } from './exercise.js';

export const MANIFEST_FORMAT_VERSION = 1;

const PythonVersion = z
  .string()
  .regex(/^3\.\d{1,2}$/, 'must look like "3.12"')
  .describe('Oldest Python that can run the exercise, as "3.X". PEP 695 syntax needs "3.12".');

export const RequiresSchema = z
  .object({
    python: PythonVersion,
    capabilities: z
      .array(z.enum(CAPABILITIES))
      .default([])
      .describe('What the exercise needs beyond plain Python; decides which engines can run it.'),
  })
  .strict();

export const ExerciseSchema = z
  .object({
    number: z.number().int().min(1).max(99).describe('Global two-digit number: `advpy-kata hint 05` means this.'),
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case')
      .describe('Name after the number in the file name, e.g. "retry" for 05_retry.py.'),
    chapter: z.string().describe('Id of the chapter (its folder name), e.g. "01_decorators".'),
    title: z.string().min(1).describe('One line saying what the exercise teaches.'),
    hints: z
      .array(z.string().min(1))
      .min(2, 'needs at least two hints: a nudge, then nearly the answer')
      .describe('Progressive hints: the first nudges, the last is nearly the answer (but not the code).'),
    requires: RequiresSchema.describe('Minimum Python version and capabilities.'),
    timeoutMs: z
      .number()
      .int()
      .min(1000)
      .max(600_000)
      .default(20_000)
      .describe('Longest the whole suite may spend in Python before it is stopped and reported as stuck.'),
  })
  .strict();

export const ChapterSchema = z
  .object({
    id: z
      .string()
      .regex(/^\d{2}_[a-z0-9_]+$/, 'must look like "01_decorators"')
      .describe('Folder name under exercises/ and solutions/.'),
    title: z.string().min(1),
    bridge: z.string().min(1).describe('How the topic maps onto TypeScript and Go, shown at the start of the chapter.'),
    learned: z.string().min(1).describe('What a learner who finished the chapter can now do, shown on the finish screen.'),
  })
  .strict();

export const ManifestSchema = z
  .object({
    $schema: z.string().optional(),
    formatVersion: z.literal(MANIFEST_FORMAT_VERSION).describe('Bumped when the manifest shape changes.'),
    title: z.string().min(1),
    chapters: z.array(ChapterSchema).min(1),
    exercises: z.array(ExerciseSchema).min(1),
  })
  .strict();

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestExercise = z.infer<typeof ExerciseSchema>;
export type Chapter = z.infer<typeof ChapterSchema>;

export interface ValidationResult<T> {
  value?: T;
  errors: string[];
  warnings: string[];
}

/**
 * Validate unknown JSON as a course manifest. Errors are shaped `path.to.field: message`.
 * `fileExists` (relative to the course root) enables the cross-check that every stub,
 * suite and solution is present.
 */
export function parseManifest(input: unknown, fileExists?: (relativePath: string) => boolean): ValidationResult<Course> {
  const parsed = ManifestSchema.safeParse(input);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`), warnings: [] };
  }
  const manifest = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];
  const chapterIds = new Set<string>();
  manifest.chapters.forEach((chapter, index) => {
    if (chapterIds.has(chapter.id)) errors.push(`chapters.${index}.id: duplicate chapter "${chapter.id}"`);
    chapterIds.add(chapter.id);
  });
  const numbers = new Map<number, number>();
  const names = new Map<string, number>();
  let previous = 0;
  manifest.exercises.forEach((exercise, index) => {
    const at = `exercises.${index}`;
    const sameNumber = numbers.get(exercise.number);
    if (sameNumber !== undefined) errors.push(`${at}.number: ${exercise.number} is also used by exercises.${sameNumber}`);
    numbers.set(exercise.number, index);
    const sameName = names.get(exercise.name);
    if (sameName !== undefined) errors.push(`${at}.name: "${exercise.name}" is also used by exercises.${sameName}`);
    names.set(exercise.name, index);
    if (!chapterIds.has(exercise.chapter)) errors.push(`${at}.chapter: unknown chapter "${exercise.chapter}"`);
    if (exercise.number <= previous) errors.push(`${at}.number: exercises must be listed in increasing number order`);
    previous = exercise.number;
    if (fileExists) {
      const derived = deriveExercise(exercise);
      for (const [field, path] of [
        ['stub', derived.stubPath],
        ['suite', derived.suitePath],
        ['solution', derived.solutionPath],
      ] as const) {
        if (!fileExists(path)) errors.push(`${at}: ${field} file ${path} does not exist`);
      }
    }
  });
  if (errors.length > 0) return { errors, warnings };
  return { value: { manifest, exercises: manifest.exercises.map(deriveExercise) }, errors, warnings };
}
