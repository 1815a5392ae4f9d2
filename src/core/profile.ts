/**
 * A learner's profile as data: their functions by own time, as cProfile measured
 * them in a suite (exercise 36), for the runner to draw as a bar chart.
 */

export interface ProfileRow {
  /** The function's name ("find_customer"). */
  name: string;
  /** Its file's base name, and the line it starts on. */
  file: string;
  line: number;
  /** Time spent in the function itself, not in what it called (pstats' tottime). */
  ownSeconds: number;
  calls: number;
}

export interface Profile {
  /** What was profiled ("your report() on 2,000 orders"). */
  caption: string;
  /** Most own time first. */
  rows: ProfileRow[];
}

/** Rows recorded by Python, checked and sorted: anything malformed is dropped, never drawn. */
export function parseProfileRows(value: unknown): ProfileRow[] {
  if (!Array.isArray(value)) return [];
  const rows = value.flatMap((item: unknown) => {
    if (item === null || typeof item !== 'object') return [];
    const { name, file, line, ownSeconds, calls } = item as Record<string, unknown>;
    if (typeof name !== 'string' || typeof file !== 'string') return [];
    if (typeof ownSeconds !== 'number' || !Number.isFinite(ownSeconds) || ownSeconds < 0) return [];
    return [{
      name,
      file: file.split(/[\\/]/).at(-1) ?? file,
      line: typeof line === 'number' && Number.isInteger(line) ? line : 0,
      ownSeconds,
      calls: typeof calls === 'number' && Number.isInteger(calls) ? calls : 0,
    }];
  });
  return rows.sort((a, b) => b.ownSeconds - a.ownSeconds);
}
