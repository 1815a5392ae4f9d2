/**
 * The JSON `verify` report, as a zod schema: the TypeScript types come from it, and
 * `npm run schema` publishes it as schema/verify-report.schema.json for consumers.
 *
 * Each exercise's entry is an exercism results.json v3 object (version, status,
 * message, tests with name/status/message/output/test_code/task_id), so a tool that
 * reads exercism results can read any one of them; the fields advpy-kata adds
 * (which exercise, which file, the verdict) sit beside exercism's.
 */
import { z } from 'zod';

/** exercism caps a test's `output` at 500 characters, and asks for a note when it was cut. */
export const OUTPUT_LIMIT = 500;
export const OUTPUT_TRUNCATED_NOTE = '\n(Output was truncated. Please limit to 500 chars.)';
export const VERIFY_REPORT_FORMAT = 1;

const ExplanationSchema = z
  .object({
    id: z.string(),
    expected: z.string().describe('What the learner probably expected, in the terms of the language they know.'),
    python: z.string().describe('What Python does instead.'),
    fix: z.string().describe("The idiomatic fix, in one line: the learner's own line rewritten when the rule can."),
    audience: z.enum(['ts', 'go', 'both']).describe('Whose habit the wording speaks to: TypeScript, Go, or both.'),
  })
  .describe('A habit from TypeScript or Go that probably caused a failure (an advpy-kata addition to exercism).')
  // An id makes the published schema name it once under $defs instead of copying it.
  .meta({ id: 'Explanation' });

const TestResultSchema = z.object({
  name: z.string().describe('The test, with its describe blocks: "group › does this".'),
  status: z.enum(['pass', 'fail', 'error']).describe('error: Python crashed, or the test could not run.'),
  message: z.string().nullable().describe('Why it failed, as the learner reads it; null when it passed.'),
  output: z
    .string()
    .max(OUTPUT_LIMIT)
    .nullable()
    .describe('What the learner\'s code printed (stdout, then stderr), cut at 500 characters with a note; null when nothing.'),
  test_code: z.string().describe("The test's code, quoted from its suite."),
  task_id: z.number().int().positive().describe("The exercise's number: each exercise of the course is one task."),
  explanations: z.array(ExplanationSchema),
}).meta({ id: 'TestResult' });

const TARGETS = z
  .enum(['workspace', 'solution', 'stub'])
  .describe("What was tested: the learner's file, or (verify --solutions) the reference solution or the stub.")
  .meta({ id: 'Target' });

const ENTRY_FIELDS = {
  version: z.literal(3),
  tests: z.array(TestResultSchema).describe('In the order of the suite; empty when status is error.'),
  exercise: z.string().describe('The exercise id, e.g. "01_logged".'),
  target: TARGETS,
  file: z.string().describe('The file that was tested, relative to where verify ran.'),
  verdict: z
    .enum(['ok', 'problem'])
    .describe('Whether this run is what verify wanted: a stub must fail, everything else must pass.'),
  summary: z.string().describe('The verdict in a sentence.'),
};

/** One exercise's run: an exercism results.json v3 object with advpy-kata's fields beside it. */
export const ExerciseResultSchema = z.discriminatedUnion('status', [
  z.object({
    ...ENTRY_FIELDS,
    status: z.enum(['pass', 'fail']),
    message: z.null(),
  }),
  z.object({
    ...ENTRY_FIELDS,
    status: z.literal('error').describe('No test ran correctly: the file did not load, Python crashed, or the suite could not run.'),
    message: z.string().describe('What went wrong, for the learner.'),
  }),
]);

const SkippedSchema = z
  .object({
    exercise: z.string(),
    target: TARGETS,
    file: z.string(),
    reason: z.string().describe('Why this engine cannot run it.'),
    fix: z.string().describe('What to install or change so it can run.'),
  })
  .describe('An exercise the engine could not run: not a pass, and not an exercism result (exercism has no such status).');

export const VerifyReportSchema = z.object({
  format: z.literal('advpy-kata verify report'),
  formatVersion: z.literal(VERIFY_REPORT_FORMAT),
  mode: z
    .enum(['workspace', 'done', 'solutions'])
    .describe('workspace: every exercise; done: only those finished so far (verify --done); solutions: the course itself.'),
  status: z.enum(['pass', 'fail']).describe('pass exactly when verify exits 0.'),
  problems: z.array(z.string()).describe('Course-level problems (verify --solutions): files the manifest does not list.'),
  exercises: z.array(ExerciseResultSchema),
  skipped: z.array(SkippedSchema),
  notDone: z.array(z.string()).describe('With --done: the exercises not checked because they are not done yet.'),
});

export type ExerciseResult = z.infer<typeof ExerciseResultSchema>;
export type TestResult = z.infer<typeof TestResultSchema>;
export type VerifyReportJson = z.infer<typeof VerifyReportSchema>;
