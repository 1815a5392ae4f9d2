/** The timeline picture, pinned as tables: recorded spans in, terminal lines out. */
import { describe, expect, test } from 'vitest';
import { maxOverlap, parseSpans, summarise, type Timeline, type TimelineSpan } from '../../src/core/timeline.js';
import { formatDuration, renderComparison, renderRunTimelines, renderTimeline } from '../../src/ui/render-timeline.js';
import { visibleWidth } from '../../src/ui/layout.js';
import { createTheme } from '../../src/ui/theme.js';

const unicode = createTheme(false, true);
const ascii = createTheme(false, false);
const span = (lane: string, start: number, end: number, label = 'u'): TimelineSpan => ({ lane, label, start, end });

/** Four 10 ms calls on four threads at once, and the same four one after another on one thread. */
const parallel: Timeline = { caption: '4 fetches', spans: [0, 1, 2, 3].map((i) => span(`worker_${i}`, 0, 0.01, `u${i}`)) };
const serial: Timeline = { caption: '4 fetches', spans: [0, 1, 2, 3].map((i) => span('MainThread', i * 0.01, (i + 1) * 0.01, `u${i}`)) };

describe('renderTimeline', () => {
  test.each<[string, Timeline, number, ReturnType<typeof createTheme>, string[]]>([
    [
      'overlapping calls: one lane each, bars stacked in the same columns',
      parallel,
      30,
      unicode,
      [
        '4 fetches',
        '4 calls on 4 lanes overlapped:',
        'up to 4 at once',
        'worker_0 │███████████████████│',
        'worker_1 │███████████████████│',
        'worker_2 │███████████████████│',
        'worker_3 │███████████████████│',
        '         0               10 ms',
      ],
    ],
    [
      'calls one after another on one lane: alternating fills keep them apart',
      serial,
      34,
      unicode,
      [
        '4 fetches',
        '4 calls on 1 lane ran one after',
        'another (never two at once)',
        'MainThread │█████▒▒▒▒▒█████▒▒▒▒▒▒│',
        '           0                 40 ms',
      ],
    ],
    [
      'ASCII fallback: # and = for bars, | for edges',
      serial,
      34,
      ascii,
      [
        '4 fetches',
        '4 calls on 1 lane ran one after',
        'another (never two at once)',
        'MainThread |#####=====#####======|',
        '           0                 40 ms',
      ],
    ],
    [
      'a call too short to see still gets one cell',
      { caption: 'tiny', spans: [span('A', 0, 1), span('B', 0.5, 0.5000001)] },
      24,
      ascii,
      ['tiny', '2 calls on 2 lanes', 'overlapped: up to 2 at', 'once', 'A |####################|', 'B |          #         |', '  0                  1 s'],
    ],
    ['nothing recorded: just the caption and why', { caption: 'empty', spans: [] }, 40, unicode, ['empty', 'nothing was recorded']],
  ])('%s', (_name, timeline, width, theme, expected) => {
    const lines = renderTimeline(timeline, width, theme);
    expect(lines).toEqual(expected);
    for (const line of lines) expect(visibleWidth(line), line).toBeLessThanOrEqual(width);
  });

  test('lanes are listed in the order they started, long names cut, and more than 12 lanes counted', () => {
    const spans = Array.from({ length: 14 }, (_, i) => span(`ThreadPoolExecutor-0_${String(13 - i).padStart(2, '0')}`, i, i + 1));
    const lines = renderTimeline({ caption: 'many', spans }, 60, ascii);
    const first = lines.findIndex((line) => line.startsWith('ThreadPool'));
    expect(lines[first]).toMatch(/^ThreadPoolExecutor-0_13 \|/);
    expect(lines[first + 1]).toMatch(/^ThreadPoolExecutor-0_12 \|/);
    expect(lines.filter((line) => line.startsWith('ThreadPool'))).toHaveLength(12);
    expect(lines).toContain('2 more lane(s) not shown');
  });

  test('every line fits however narrow the terminal', () => {
    for (const width of [20, 33, 47, 80, 200]) {
      for (const line of renderTimeline(parallel, width, unicode)) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    }
  });
});

describe('renderComparison', () => {
  test.each<[string, Timeline, Timeline, string]>([
    ['serial against an overlapping reference', serial, parallel, 'Your calls ran one after another; the solution overlaps them (up to 4 at once).'],
    ['less overlap than the reference', { caption: 'x', spans: [span('a', 0, 1), span('b', 0, 1), span('a', 1, 2)] }, parallel, 'Your calls overlapped up to 2 at once; the solution reaches 4.'],
    ['more overlap than the reference (the limit was ignored)', parallel, { caption: 'x', spans: [span('a', 0, 1), span('b', 0, 1)] }, 'Your calls overlapped up to 4 at once, more than the solution\'s 2: check the limit.'],
    ['the same overlap', parallel, parallel, "Your calls overlap like the solution's: up to 4 at once."],
    ['nothing recorded', { caption: 'x', spans: [] }, parallel, 'Your run recorded no calls, so there is nothing to compare.'],
  ])('%s', (_name, learner, reference, verdict) => {
    const lines = renderComparison(learner, reference, 100, unicode);
    expect(lines.at(-1)).toBe(verdict);
    expect(lines[0]).toMatch(/^Yours \(/);
    expect(lines).toContainEqual(expect.stringMatching(/^The solution's \(/));
  });
});

describe('renderRunTimelines', () => {
  test('each test with a timeline gets its name, compared with the reference where one was recorded', () => {
    const tests = [
      { name: 'overlaps', timelines: [serial] },
      { name: 'no timeline' },
      { name: 'alone', timelines: [parallel] },
    ];
    const lines = renderRunTimelines(tests, { overlaps: [parallel] }, 80, ascii);
    expect(lines.filter((line) => line.startsWith('> '))).toEqual(['> overlaps', '> alone']);
    expect(lines).toContain('Your calls ran one after another; the solution overlaps them (up to 4 at once).');
    expect(lines.filter((line) => line.startsWith('Yours'))).toHaveLength(1);
  });
});

describe('the facts read off a timeline', () => {
  test.each<[string, TimelineSpan[], number]>([
    ['none', [], 0],
    ['back to back is never two at once', [span('a', 0, 1), span('a', 1, 2)], 1],
    ['two overlapping', [span('a', 0, 2), span('b', 1, 3)], 2],
    ['three, then one', [span('a', 0, 3), span('b', 0, 3), span('c', 0, 3), span('a', 3, 4)], 3],
  ])('maxOverlap: %s', (_name, spans, expected) => {
    expect(maxOverlap(spans)).toBe(expected);
  });

  test('summarise says overlapping or one after another', () => {
    expect(summarise(parallel)).toBe('4 calls on 4 lanes overlapped: up to 4 at once');
    expect(summarise(serial)).toBe('4 calls on 1 lane ran one after another (never two at once)');
    expect(summarise({ caption: '', spans: [span('a', 0, 1)] })).toBe('1 call on 1 lane');
  });

  test('parseSpans keeps well-formed spans and drops the rest', () => {
    expect(
      parseSpans([
        { lane: 'a', label: 'x', start: 0, end: 1 },
        { lane: 'b', label: 'y', start: 2, end: 1 },
        { lane: 'c', label: 'z', start: Number.NaN, end: 1 },
        { lane: 3, label: 'w', start: 0, end: 1 },
        null,
        'junk',
      ]),
    ).toEqual([span('a', 0, 1, 'x'), span('b', 2, 2, 'y')]);
    expect(parseSpans({ not: 'a list' })).toEqual([]);
  });

  test.each([
    [0.0000123, '12 µs'],
    [0.0123, '12.3 ms'],
    [0.01, '10 ms'],
    [1.5, '1.5 s'],
  ])('formatDuration(%s) is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
