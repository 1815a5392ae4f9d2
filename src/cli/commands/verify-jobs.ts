/**
 * How many verify workers to run: `--jobs`, else ADVPY_VERIFY_JOBS, else one per
 * core, never more than there are runs. One means no workers at all: the runs go
 * through this process's own runner, as verify always did.
 */
import { availableParallelism, freemem } from 'node:os';
import { InvalidArgumentError } from 'commander';
import { KataError } from '../../core/errors.js';

/**
 * Memory one worker needs on the embedded engine: Pyodide takes about 400 MB per
 * process (the interpreter in use, and the spare loaded for the next run), plus Node
 * and Vitest. The default never starts more workers than free memory holds at this.
 */
export const EMBEDDED_WORKER_BYTES = 600 * 1024 * 1024;

export interface JobsRequest {
  /** `--jobs`, already checked. */
  flag?: number;
  env: NodeJS.ProcessEnv;
  /** Suite runs to distribute. */
  runs: number;
  /** Whether any run will use the embedded engine. */
  embedded: boolean;
  /** For tests; default os.availableParallelism(). */
  cores?: number;
  /** For tests; default os.freemem(). */
  freeBytes?: number;
}

export function chooseJobs(request: JobsRequest): number {
  const asked = request.flag ?? jobsFromEnv(request.env);
  let jobs = asked ?? request.cores ?? availableParallelism();
  // Only the default is held to free memory: a number someone chose is theirs to get wrong.
  if (asked === undefined && request.embedded) jobs = Math.min(jobs, Math.floor((request.freeBytes ?? freemem()) / EMBEDDED_WORKER_BYTES));
  return Math.max(1, Math.min(jobs, request.runs));
}

/** Commander's parser for `--jobs <n>`: a bad value is a usage error naming the option. */
export function parseJobsFlag(value: string): number {
  const jobs = parseJobs(value);
  if (jobs === undefined) throw new InvalidArgumentError('Give a whole number of 1 or more.');
  return jobs;
}

function jobsFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.ADVPY_VERIFY_JOBS;
  if (value === undefined || value === '') return undefined;
  const jobs = parseJobs(value);
  if (jobs === undefined) {
    throw new KataError('USAGE', `ADVPY_VERIFY_JOBS must be a whole number of 1 or more, not "${value}"`, 'Set it to how many exercises may run at once (1 runs them one by one), or unset it for one per core.');
  }
  return jobs;
}

function parseJobs(value: string): number | undefined {
  const jobs = Number(value.trim());
  return /^\s*\d+\s*$/.test(value) && Number.isSafeInteger(jobs) && jobs >= 1 ? jobs : undefined;
}
