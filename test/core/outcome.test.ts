import { describe, expect, it } from 'vitest';
import { decideOutcome, isPass, type SuiteOutcome, type TestFailure } from '../../src/core/outcome.js';
import { testReport } from './_fixtures.js';

const importError: TestFailure = { message: 'your file failed to import: SyntaxError' };
const pass = testReport('p', 'passed');
const fail = testReport('f', 'failed', { failure: { message: 'nope' } });
const skip = testReport('s', 'skipped');

describe('decideOutcome', () => {
  it.each([
    ['every test passed', [pass, pass], undefined, 'passed'],
    ['one test failed', [pass, fail], undefined, 'failed'],
    ['a test was skipped, the rest passed', [pass, skip], undefined, 'failed'],
    ['every test was skipped', [skip], undefined, 'failed'],
    ['no tests ran', [], undefined, 'error'],
    ['the file did not load', [], importError, 'broken'],
    ['the file did not load, though tests passed', [pass], importError, 'broken'],
  ])('%s → %s', (_, tests, failure, kind) => {
    expect(decideOutcome(tests, failure, 12).kind).toBe(kind);
  });

  it('keeps the tests and the duration', () => {
    expect(decideOutcome([pass, fail], undefined, 12)).toEqual({ kind: 'failed', tests: [pass, fail], durationMs: 12 });
    expect(decideOutcome([], importError, 5)).toEqual({ kind: 'broken', failure: importError, tests: [], durationMs: 5 });
  });

  it('explains why no tests is an error', () => {
    expect(decideOutcome([], undefined, 1)).toEqual({ kind: 'error', message: 'the suite ran no tests' });
  });
});

describe('isPass', () => {
  it.each<[SuiteOutcome, boolean]>([
    [{ kind: 'passed', tests: [pass], durationMs: 1 }, true],
    [{ kind: 'failed', tests: [fail], durationMs: 1 }, false],
    [{ kind: 'broken', failure: importError, tests: [], durationMs: 1 }, false],
    [{ kind: 'unsupported', reason: 'r', fix: 'f' }, false],
    [{ kind: 'error', message: 'm' }, false],
  ])('%o → %s', (outcome, expected) => {
    expect(isPass(outcome)).toBe(expected);
  });
});
