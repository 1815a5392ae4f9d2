/** The profile bar chart, pinned as tables: rows in, terminal lines out. */
import { describe, expect, test } from 'vitest';
import { parseProfileRows, type Profile } from '../../src/core/profile.js';
import { renderProfile } from '../../src/ui/render-profile.js';
import { visibleWidth } from '../../src/ui/layout.js';
import { createTheme } from '../../src/ui/theme.js';

const unicode = createTheme(false, true);
const ascii = createTheme(false, false);
const row = (name: string, ownSeconds: number, calls = 1) => ({ name, file: 'report.py', line: 10, ownSeconds, calls });

const hot: Profile = { caption: 'report()', rows: [row('find_customer', 0.09, 2000), row('report', 0.009), row('total', 0.001, 40)] };

describe('renderProfile', () => {
  test.each<[string, Profile, number, ReturnType<typeof createTheme>, string[]]>([
    [
      'the hottest function fills the track; the others are scaled to it',
      hot,
      78,
      ascii,
      [
        'report(): own time per function, most first',
        'find_customer (report.py:10) ########################### 90 ms 90% 2000 calls',
        'report (report.py:10)        ###                         9 ms 9% 1 call',
        'total (report.py:10)         #                           1 ms 1% 40 calls',
      ],
    ],
    [
      'unicode bars',
      { caption: 'x', rows: [row('a', 2), row('b', 1)] },
      40,
      unicode,
      ['x: own time per function, most first', 'a (report.py:10) ████████ 2 s 67% 1 call', 'b (report.py:10) ████     1 s 33% 1 call'],
    ],
    ['nothing recorded', { caption: 'x', rows: [] }, 40, ascii, ['x: own time per function, most first', '  (nothing was recorded)']],
  ])('%s', (_name, profile, width, theme, expected) => {
    const lines = renderProfile(profile, width, theme);
    expect(lines).toEqual(expected);
  });

  test('every line fits the width, and more than 8 functions are counted', () => {
    const many: Profile = { caption: 'many', rows: Array.from({ length: 11 }, (_, i) => row(`function_with_a_long_name_${i}`, 11 - i)) };
    for (const width of [30, 50, 80, 140]) {
      const lines = renderProfile(many, width, unicode);
      for (const line of lines) expect(visibleWidth(line), line).toBeLessThanOrEqual(width);
      expect(lines.at(-1)).toBe('  3 more function(s) not shown');
    }
  });
});

describe('parseProfileRows', () => {
  test('keeps well-formed rows, most own time first, file as a base name', () => {
    expect(
      parseProfileRows([
        { name: 'a', file: '/ws/36_profile.py', line: 3, ownSeconds: 0.1, calls: 1 },
        { name: 'b', file: 'x.py', line: 1, ownSeconds: 0.5, calls: 2 },
        { name: 'bad', file: 'x.py', line: 1, ownSeconds: -1, calls: 2 },
        { name: 7, file: 'x.py', ownSeconds: 1 },
        null,
      ]),
    ).toEqual([
      { name: 'b', file: 'x.py', line: 1, ownSeconds: 0.5, calls: 2 },
      { name: 'a', file: '36_profile.py', line: 3, ownSeconds: 0.1, calls: 1 },
    ]);
    expect(parseProfileRows('nope')).toEqual([]);
  });
});
