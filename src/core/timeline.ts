/**
 * What a learner's concurrent code did, as data: spans of time on lanes (one lane
 * per thread or asyncio task), recorded by a suite's instrumented fakes
 * (python/_advpy_kata/timeline.py), plus the facts read off them.
 */

export interface TimelineSpan {
  /** The thread's or the asyncio task's name. */
  lane: string;
  /** What ran: the fake's label, such as the URL fetched. */
  label: string;
  /** Seconds from the first recorded start. */
  start: number;
  end: number;
}

export interface Timeline {
  /** What the run shows, in the suite's words ("8 fetches with max_workers=4"). */
  caption: string;
  spans: TimelineSpan[];
}

/** The reference run's timelines, by test name (shipped in course/timelines/<id>.json). */
export type ReferenceTimelines = Readonly<Record<string, readonly Timeline[]>>;

/** The most spans that were running at one moment (touching ends do not overlap). */
export function maxOverlap(spans: readonly TimelineSpan[]): number {
  // Ends sort before starts at the same instant, so back-to-back calls count as one at a time.
  const events = spans.flatMap((span) => [
    { at: span.start, delta: 1 },
    { at: span.end, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let most = 0;
  for (const event of events) {
    current += event.delta;
    most = Math.max(most, current);
  }
  return most;
}

/** One sentence on what the spans show: overlapping, or one after another. */
export function summarise(timeline: Timeline): string {
  const { spans } = timeline;
  if (spans.length === 0) return 'nothing was recorded';
  const lanes = new Set(spans.map((span) => span.lane)).size;
  const most = maxOverlap(spans);
  const calls = `${spans.length} call${spans.length === 1 ? '' : 's'}`;
  const on = `on ${lanes} ${lanes === 1 ? 'lane' : 'lanes'}`;
  if (spans.length === 1) return `1 call ${on}`;
  if (most <= 1) return `${calls} ${on} ran one after another (never two at once)`;
  return `${calls} ${on} overlapped: up to ${most} at once`;
}

/** Spans recorded by Python, checked: anything malformed is dropped, never drawn. */
export function parseSpans(value: unknown): TimelineSpan[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (item === null || typeof item !== 'object') return [];
    const { lane, label, start, end } = item as Record<string, unknown>;
    if (typeof lane !== 'string' || typeof label !== 'string') return [];
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isFinite(start) || !Number.isFinite(end)) return [];
    return [{ lane, label, start: Math.max(0, start), end: Math.max(start, end) }];
  });
}
