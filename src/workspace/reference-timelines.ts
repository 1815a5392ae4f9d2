/**
 * The reference solution's timelines, recorded once by `npm run record-timelines`
 * and shipped in course/timelines/<id>.json, so watch and run can draw the
 * learner's run beside the solution's without running the solution again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpans, type ReferenceTimelines, type Timeline } from '../core/timeline.js';
import { COURSE_ROOT } from './course.js';

export function referenceTimelinesPath(id: string, root = COURSE_ROOT): string {
  return join(root, 'course', 'timelines', `${id}.json`);
}

/** Undefined when the exercise has no recording, or it cannot be read: the learner's timeline is then drawn alone. */
export function readReferenceTimelines(id: string, root = COURSE_ROOT): ReferenceTimelines | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(referenceTimelinesPath(id, root), 'utf8'));
  } catch {
    return undefined;
  }
  const tests = (raw as { tests?: unknown } | null)?.tests;
  if (tests === null || typeof tests !== 'object') return undefined;
  const result: Record<string, Timeline[]> = {};
  for (const [name, timelines] of Object.entries(tests)) {
    if (!Array.isArray(timelines)) continue;
    result[name] = timelines.map((timeline: { caption?: unknown; spans?: unknown }) => ({
      caption: typeof timeline?.caption === 'string' ? timeline.caption : '',
      spans: parseSpans(timeline?.spans),
    }));
  }
  return result;
}
