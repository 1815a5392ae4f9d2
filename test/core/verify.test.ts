import { describe, expect, it } from 'vitest';
import { parseManifest, type Course } from '../../src/core/manifest.js';
import type { SuiteOutcome } from '../../src/core/outcome.js';
import { findStrayFiles, isVerified, judge, type VerifyEntry, type VerifyReport, type VerifyTarget } from '../../src/core/verify.js';
import { exercise, testReport } from './_fixtures.js';

const EX = exercise(1, 'logged');
const OUTCOMES: Record<SuiteOutcome['kind'], SuiteOutcome> = {
  passed: { kind: 'passed', tests: [testReport('t', 'passed')], durationMs: 1 },
  failed: { kind: 'failed', tests: [testReport('t', 'failed')], durationMs: 1 },
  broken: { kind: 'broken', failure: { message: 'SyntaxError' }, tests: [], durationMs: 1 },
  unsupported: { kind: 'unsupported', reason: 'it needs threads', fix: 'install CPython' },
  error: { kind: 'error', message: 'vitest exploded' },
};

describe('judge', () => {
  it.each<[VerifyTarget, SuiteOutcome['kind'], VerifyEntry['verdict'], string]>([
    ['workspace', 'passed', 'ok', 'passes'],
    ['workspace', 'failed', 'problem', 'not passing yet'],
    ['workspace', 'broken', 'problem', 'not passing yet'],
    ['workspace', 'unsupported', 'skipped', 'skipped: it needs threads'],
    ['workspace', 'error', 'problem', 'the suite could not run: vitest exploded'],
    ['solution', 'passed', 'ok', 'passes'],
    ['solution', 'failed', 'problem', 'the reference solution fails its suite'],
    ['solution', 'broken', 'problem', 'the reference solution fails its suite'],
    ['solution', 'unsupported', 'skipped', 'skipped: it needs threads'],
    ['solution', 'error', 'problem', 'the suite could not run: vitest exploded'],
    ['stub', 'passed', 'problem', 'the stub passes its suite: it is already solved, so the exercise teaches nothing'],
    ['stub', 'failed', 'ok', 'fails, as a stub should'],
    ['stub', 'broken', 'ok', 'fails, as a stub should'],
    ['stub', 'unsupported', 'skipped', 'skipped: it needs threads'],
    ['stub', 'error', 'problem', 'the suite could not run: vitest exploded'],
  ])('%s that %s → %s', (target, kind, verdict, message) => {
    const outcome = OUTCOMES[kind];
    expect(judge(EX, target, 'f.py', outcome)).toEqual({ exercise: EX, target, file: 'f.py', outcome, verdict, message });
  });
});

function report(verdicts: VerifyEntry['verdict'][], problems: string[] = [], mode: VerifyReport['mode'] = 'workspace'): VerifyReport {
  const entries = verdicts.map((verdict) => ({ exercise: EX, target: 'workspace' as const, file: 'f.py', outcome: OUTCOMES.passed, verdict, message: '' }));
  return { mode, entries, problems };
}

describe('isVerified', () => {
  it.each<[VerifyReport['mode'], string[], string[], boolean]>([
    ['workspace', ['ok', 'ok'], [], true],
    ['workspace', ['ok', 'problem'], [], false],
    ['workspace', ['ok', 'skipped'], [], false],
    ['workspace', ['ok'], ['exercises/x.py is not listed'], false],
    ['workspace', [], [], true],
    // The course checked on one engine: what that engine cannot run is reported, not failed.
    ['solutions', ['ok', 'skipped'], [], true],
    ['solutions', ['ok', 'problem', 'skipped'], [], false],
    ['solutions', ['ok'], ['exercises/x.py is not listed'], false],
    ['done', ['ok', 'ok'], [], true],
    ['done', ['ok', 'problem'], [], false],
    // --done asks whether a finished exercise broke; one this engine cannot run did not.
    ['done', ['ok', 'skipped'], [], true],
    ['done', [], [], true],
  ])('in %s mode, %j with problems %j → %s', (mode, verdicts, problems, expected) => {
    expect(isVerified(report(verdicts as VerifyEntry['verdict'][], problems, mode))).toBe(expected);
  });
});

describe('findStrayFiles', () => {
  const course = parseManifest({
    formatVersion: 1,
    title: 'T',
    chapters: [{ id: '01_decorators', title: 'D', bridge: 'b', learned: 'l' }],
    exercises: [{ number: 1, name: 'logged', chapter: '01_decorators', title: 't', hints: ['a', 'b'], requires: { python: '3.12' } }],
  }).value as Course;

  it.each([
    ['exercises/01_decorators/01_logged.py', false],
    ['exercises/01_decorators/01_logged.test.ts', false],
    ['solutions/01_decorators/01_logged.py', false],
    ['exercises/01_decorators/02_extra.py', true],
    ['exercises/01_decorators/02_extra.test.ts', true],
    ['solutions/01_decorators/01_logged.test.ts', true],
    ['solutions/02_other/01_logged.py', true],
    ['exercises/01_decorators/__pycache__/01_logged.cpython-313.pyc', false],
    ['exercises/README.md', false],
    ['course/course.json', false],
    ['src/exercises/x.py', false],
  ])('%s is stray: %s', (file, stray) => {
    const found = findStrayFiles(course, [file]);
    expect(found).toEqual(stray ? [`${file} is not listed in course/course.json (add it to the manifest, or delete it)`] : []);
  });
});
