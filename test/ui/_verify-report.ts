/** One verify report with every kind of outcome the reporters must handle, as a workspace run would judge them. */
import type { PythonFailure } from '../../src/core/failures.js';
import type { PyFrame } from '../../src/core/protocol.js';
import { judge, type VerifyEntry, type VerifyReport } from '../../src/core/verify.js';
import { exercise, testReport } from '../core/_fixtures.js';

export const WS = '/ws/exercises/01_decorators';
export const file = (id: string): string => `exercises/01_decorators/${id}.py`;
const frame = (path: string, line: number, learner: boolean): PyFrame => ({ file: path, line, name: 'f', code: 'x = 1', learner });
export const raised = (phase: 'import' | 'test', path: string, line: number, type = 'ValueError'): PythonFailure => ({
  kind: 'exception',
  phase,
  error: { type, module: 'builtins', message: 'bad', frames: [frame('/lib/x.py', 1, false), frame(path, line, true)], notes: [] },
});

/** Text learner code can print that breaks naive XML and terminals: forbidden characters, ANSI colour, a lone surrogate. */
export const NASTY_OUTPUT = 'hi \uFFFF\uFFFE \u0000\u0008 \x1b[31mred\x1b[0m \uD800 done\n';
export const MULTILINE = 'expected <a> & "b"\nsecond line\tand a tab';

const output = (stdout: string, stderr = '') => ({ stdout, stderr, truncated: { stdout: 0, stderr: 0 }, warnings: [] });

const SUITE = `import { test } from 'vitest';

test('returns the value', async () => {
  expect(await py.eval('1')).toBe(1);
});
`;

export const LOGGED = exercise(1, 'logged');
export const WRAPS = exercise(2, 'wraps');
export const TIMED = exercise(3, 'timed');
export const TYPED = exercise(4, 'typed');
export const RETRY = exercise(5, 'retry');
export const CACHED = exercise(6, 'cached');
export const SLOW = exercise(7, 'slow');

export const ENTRIES: VerifyEntry[] = [
  judge(
    LOGGED,
    'workspace',
    file('01_logged'),
    { kind: 'passed', tests: [testReport('returns the value', 'passed', { path: ['logged'], output: output(NASTY_OUTPUT, 'warn\n'), line: 3 })], durationMs: 3 },
    { path: `${WS}/01_logged.py`, suiteSource: SUITE },
  ),
  judge(
    WRAPS,
    'workspace',
    file('02_wraps'),
    {
      kind: 'failed',
      tests: [
        testReport('keeps __name__', 'passed', { durationMs: 12 }),
        testReport('prints <name> & "quotes"', 'failed', { failure: { message: MULTILINE } }),
        testReport('raises', 'failed', { failure: { message: 'Python raised ValueError: bad', python: raised('test', `${WS}/02_wraps.py`, 9) } }),
        testReport('later', 'skipped'),
      ],
      durationMs: 3,
    },
    { path: `${WS}/02_wraps.py` },
  ),
  // An import error: the file did not load, so no test ran.
  judge(TIMED, 'workspace', file('03_timed'), {
    kind: 'broken',
    failure: { message: 'your file failed to import: ValueError: bad (03_timed.py:4)', python: raised('import', `${WS}/03_timed.py`, 4) },
    tests: [testReport('a', 'skipped'), testReport('b', 'skipped')],
    durationMs: 3,
  }),
  // A skip: this engine cannot run it.
  judge(TYPED, 'workspace', file('04_typed'), { kind: 'unsupported', reason: 'it needs threads', fix: 'Install CPython.' }),
  judge(RETRY, 'workspace', file('05_retry'), { kind: 'error', message: 'the suite ran no tests' }),
  // A crash in a test: Python itself stopped.
  judge(CACHED, 'workspace', file('06_cached'), {
    kind: 'failed',
    tests: [
      testReport('caches', 'failed', {
        failure: { message: 'the Python process exited with code 3', python: { kind: 'crash', phase: 'test', exitCode: 3, signal: null, output: 'Fatal \x1b[1mboom\n' } },
      }),
    ],
    durationMs: 5,
  }),
  // A timeout in a test, stuck at the learner's line 7.
  judge(SLOW, 'workspace', file('07_slow'), {
    kind: 'failed',
    tests: [
      testReport('finishes', 'failed', {
        failure: {
          message: 'Python did not finish within 3000 ms',
          python: { kind: 'timeout', phase: 'test', timeoutMs: 3000, stuck: [{ id: '1', current: true, frames: [{ file: `${WS}/07_slow.py`, line: 7, name: 'spin' }] }] },
        },
        durationMs: 3000,
      }),
    ],
    durationMs: 3001,
  }),
];

export const REPORT: VerifyReport = { mode: 'workspace', entries: ENTRIES, problems: [] };
export const PASSING: VerifyReport = { mode: 'workspace', entries: ENTRIES.slice(0, 1), problems: [] };

export function entryOf(id: string): VerifyEntry {
  const entry = ENTRIES.find((candidate) => candidate.exercise.id === id);
  if (!entry) throw new Error(`no fixture entry ${id}`);
  return entry;
}
