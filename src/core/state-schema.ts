/** The zod schemas for `.advpy-kata/state.json`; loaded only when a file needs validating. */
import { z } from 'zod';
import { STATE_FORMAT_VERSION } from './state.js';

export const ExerciseProgressSchema = z
  .object({
    /** `skipped`: moved past because this machine's engine cannot run it (needs native CPython). */
    status: z.enum(['pending', 'done', 'skipped']),
    /** How many hints have been shown; `hint` shows the next one. */
    hintsShown: z.number().int().min(0).default(0),
    /** Runs that ended in a failure, for the finish screen's summary. */
    attempts: z.number().int().min(0).default(0),
    /** The first run's time: with doneAt, how long the exercise took (finish screen). */
    startedAt: z.string().optional(),
    doneAt: z.string().optional(),
  })
  .strict();

export const StateSchema = z
  .object({
    // Format 1 is format 2 without `skipped`, so it is read as it stands and written back as 2.
    formatVersion: z.union([z.literal(1), z.literal(STATE_FORMAT_VERSION)]).transform(() => STATE_FORMAT_VERSION),
    current: z.string(),
    exercises: z.record(z.string(), ExerciseProgressSchema),
  })
  .strict();

export type State = z.infer<typeof StateSchema>;
export type ExerciseProgress = z.infer<typeof ExerciseProgressSchema>;
