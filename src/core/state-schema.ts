/** The zod schemas for `.advpy-kata/state.json`; loaded only when a file needs validating. */
import { z } from 'zod';
import { STATE_FORMAT_VERSION } from './state.js';

export const ExerciseProgressSchema = z
  .object({
    status: z.enum(['pending', 'done']),
    /** How many hints have been shown; `hint` shows the next one. */
    hintsShown: z.number().int().min(0).default(0),
    /** Runs that ended in a failure, for the finish screen's summary. */
    attempts: z.number().int().min(0).default(0),
    doneAt: z.string().optional(),
  })
  .strict();

export const StateSchema = z
  .object({
    formatVersion: z.literal(STATE_FORMAT_VERSION),
    current: z.string(),
    exercises: z.record(z.string(), ExerciseProgressSchema),
  })
  .strict();

export type State = z.infer<typeof StateSchema>;
export type ExerciseProgress = z.infer<typeof ExerciseProgressSchema>;
