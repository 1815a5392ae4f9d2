/**
 * A timeline drawn in the terminal: one lane per thread or asyncio task, time
 * across, each recorded call a bar. Pure: the same timeline and width always
 * draw the same lines, so table tests pin the picture.
 */
import { maxOverlap, summarise, type ReferenceTimelines, type Timeline, type TimelineSpan } from '../core/timeline.js';
import { cutLine, visibleWidth, wrapText } from './layout.js';
import type { Theme } from './theme.js';

/** More lanes than this and the picture stops being readable; the rest are counted. */
const MAX_LANES = 12;
const MIN_TRACK = 10;
const LANE_NAME_MAX = 24;

interface Bars {
  /** Alternating fills, so two calls back to back in one lane stay two bars. */
  fills: [string, string];
  empty: string;
  edge: string;
}

function barsFor(theme: Theme): Bars {
  return theme.glyph.rule === '│' ? { fills: ['█', '▒'], empty: ' ', edge: '│' } : { fills: ['#', '='], empty: ' ', edge: '|' };
}

/** The lines of the picture, none wider than `width`. */
export function renderTimeline(timeline: Timeline, width: number, theme: Theme): string[] {
  // The caption and the verdict on separate lines: both are read, and neither is cut short.
  const lines = [...wrapText(theme.bold(timeline.caption), width), ...wrapText(summarise(timeline), width)];
  if (timeline.spans.length === 0) return lines;
  const bars = barsFor(theme);
  const lanes = laneOrder(timeline.spans);
  const shown = lanes.slice(0, MAX_LANES);
  const nameWidth = Math.min(LANE_NAME_MAX, Math.max(...shown.map((lane) => visibleWidth(lane))));
  // "name │track│"
  const track = Math.max(MIN_TRACK, width - nameWidth - 3);
  const total = Math.max(...timeline.spans.map((span) => span.end), Number.EPSILON);
  for (const lane of shown) {
    const cells = drawLane(
      timeline.spans.filter((span) => span.lane === lane),
      total,
      track,
      bars,
    );
    const name = padEnd(cutLine(lane, nameWidth, theme.glyph.ellipsis), nameWidth);
    lines.push(cutLine(`${theme.dim(name)} ${bars.edge}${cells}${bars.edge}`, width, theme.glyph.ellipsis));
  }
  if (lanes.length > shown.length) lines.push(theme.dim(`${lanes.length - shown.length} more lane(s) not shown`));
  lines.push(cutLine(scale(formatDuration(total, theme.glyph.rule === '│' ? 'µs' : 'us'), nameWidth, track), width, theme.glyph.ellipsis));
  return lines;
}

/**
 * The learner's run above the reference run, and one sentence comparing them:
 * what a learner needs to see is whether their calls overlapped when the solution's did.
 */
export function renderComparison(learner: Timeline, reference: Timeline, width: number, theme: Theme): string[] {
  const yours = maxOverlap(learner.spans);
  const theirs = maxOverlap(reference.spans);
  let verdict: string;
  if (learner.spans.length === 0) verdict = 'Your run recorded no calls, so there is nothing to compare.';
  else if (yours <= 1 && theirs > 1) verdict = `Your calls ran one after another; the solution overlaps them (up to ${theirs} at once).`;
  else if (yours < theirs) verdict = `Your calls overlapped up to ${yours} at once; the solution reaches ${theirs}.`;
  else if (yours > theirs) verdict = `Your calls overlapped up to ${yours} at once, more than the solution's ${theirs}: check the limit.`;
  else verdict = `Your calls overlap like the solution's: up to ${yours} at once.`;
  return [
    ...renderTimeline({ ...learner, caption: `Yours (${learner.caption})` }, width, theme),
    '',
    ...renderTimeline({ ...reference, caption: `The solution's (${reference.caption})` }, width, theme),
    '',
    cutLine(verdict, width, theme.glyph.ellipsis),
  ];
}

/**
 * Every timeline a run recorded, test by test; where the reference run recorded
 * the same test, the two are drawn together and compared.
 */
export function renderRunTimelines(
  tests: ReadonlyArray<{ name: string; timelines?: Timeline[] }>,
  reference: ReferenceTimelines | undefined,
  width: number,
  theme: Theme,
): string[] {
  const lines: string[] = [];
  for (const test of tests) {
    for (const [index, timeline] of (test.timelines ?? []).entries()) {
      if (lines.length > 0) lines.push('');
      lines.push(cutLine(theme.cyan(`${theme.glyph.pointer} ${test.name}`), width, theme.glyph.ellipsis));
      const theirs = reference?.[test.name]?.[index];
      lines.push(...(theirs ? renderComparison(timeline, theirs, width, theme) : renderTimeline(timeline, width, theme)));
    }
  }
  return lines;
}

/** Lanes in the order they first did something, so the picture reads top-down like the run. */
function laneOrder(spans: readonly TimelineSpan[]): string[] {
  const first = new Map<string, number>();
  for (const span of spans) first.set(span.lane, Math.min(first.get(span.lane) ?? Infinity, span.start));
  return [...first.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([lane]) => lane);
}

function drawLane(spans: readonly TimelineSpan[], total: number, track: number, bars: Bars): string {
  const cells: string[] = Array.from({ length: track }, () => bars.empty);
  [...spans]
    .sort((a, b) => a.start - b.start)
    .forEach((span, index) => {
      const from = Math.min(track - 1, Math.floor((span.start / total) * track));
      // Every call gets at least one cell, however short it was.
      const to = Math.max(from + 1, Math.min(track, Math.ceil((span.end / total) * track)));
      for (let cell = from; cell < to; cell++) cells[cell] = bars.fills[index % 2]!;
    });
  return cells.join('');
}

/** "0 ms" under the start of the track and the total under its end. */
function scale(end: string, nameWidth: number, track: number): string {
  const start = '0';
  const gap = Math.max(1, track + 2 - start.length - end.length);
  return `${' '.repeat(nameWidth + 1)}${start}${' '.repeat(gap)}${end}`;
}

export function formatDuration(seconds: number, micro = 'µs'): string {
  if (seconds >= 1) return `${trim(seconds.toFixed(2))} s`;
  if (seconds >= 0.001) return `${trim((seconds * 1000).toFixed(1))} ms`;
  return `${trim((seconds * 1_000_000).toFixed(0))} ${micro}`;
}

function trim(number: string): string {
  return number.includes('.') ? number.replace(/\.?0+$/, '') : number;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}
