import { describe, expect, it } from 'vitest';
import type { PythonFailure } from '../../src/core/failures.js';
import { judge, type VerifyReport } from '../../src/core/verify.js';
import { githubData, renderGithubAnnotations, renderGithubSummary, repositoryPath } from '../../src/ui/report-github.js';
import { testReport } from '../core/_fixtures.js';
import { LOGGED, PASSING, REPORT, WS, file, raised } from './_verify-report.js';

const PATHS = { repositoryRoot: '/ws', cwd: '/ws' };

describe('renderGithubAnnotations', () => {
  const lines = renderGithubAnnotations({ ...REPORT, problems: ['exercises/x.py is not listed'] }, PATHS).split('\n');

  it('writes one annotation per failing exercise (not per test), at the learner\'s line, with the first failure', () => {
    expect(lines).toEqual([
      '::error title=advpy-kata course::exercises/x.py is not listed',
      '::error file=exercises/01_decorators/02_wraps.py,title=advpy-kata 02_wraps::not passing yet: prints <name> & "quotes": expected <a> & "b"%0Asecond line\tand a tab (1 more failing test: see the job summary)',
      '::error file=exercises/01_decorators/03_timed.py,line=4,title=advpy-kata 03_timed::not passing yet: your file failed to import: ValueError: bad (03_timed.py:4)',
      '::error file=exercises/01_decorators/04_typed.py,title=advpy-kata 04_typed::04_typed was not checked: it needs threads. Install CPython.',
      '::error file=exercises/01_decorators/05_retry.py,title=advpy-kata 05_retry::the suite could not run: the suite ran no tests',
      '::error file=exercises/01_decorators/06_cached.py,title=advpy-kata 06_cached::not passing yet: caches: the Python process exited with code 3 (did something call os._exit?)',
      '::error file=exercises/01_decorators/07_slow.py,line=7,title=advpy-kata 07_slow::not passing yet: finishes: Python did not finish within 3000 ms; stuck here: 07_slow.py:7 in spin',
    ]);
  });

  it('makes a skip a warning under --done, where it does not fail the run', () => {
    const done = renderGithubAnnotations({ ...REPORT, mode: 'done' }, PATHS);
    expect(done).toContain('::warning file=exercises/01_decorators/04_typed.py,title=advpy-kata 04_typed::04_typed was not checked');
  });

  it('is empty when everything passes', () => {
    expect(renderGithubAnnotations(PASSING, PATHS)).toBe('');
  });

  it.each([
    ['100% sure', '100%25 sure'],
    ['one\ntwo', 'one%0Atwo'],
    ['cr\rlf', 'cr%0Dlf'],
    ['a: b, c', 'a: b, c'],
  ])('escapes message %j per the workflow-command rules', (message, expected) => {
    expect(githubData(message)).toBe(expected);
  });

  it.each([
    ['a comma and a colon in the path', '/ws/ex,a:b.py', 'file=ex%2Ca%3Ab.py'],
    ['a percent sign', '/ws/50%.py', 'file=50%25.py'],
  ])('escapes %s in the file property', (_, path, expected) => {
    const entry = judge(LOGGED, 'workspace', 'x.py', { kind: 'failed', tests: [testReport('t', 'failed', { failure: { message: 'm' } })], durationMs: 1 }, { path });
    expect(renderGithubAnnotations({ mode: 'workspace', problems: [], entries: [entry] }, PATHS)).toContain(`::error ${expected},`);
  });

  it.each<[string, PythonFailure, string]>([
    ['a frame in the learner file', raised('test', `${WS}/01_logged.py`, 6), ',line=6,'],
    ['a frame only in another file', raised('test', `${WS}/helper.py`, 6), ',title='],
    ['a hang', { kind: 'timeout', phase: 'test', timeoutMs: 3000, stuck: [{ id: '1', current: true, frames: [{ file: `${WS}/01_logged.py`, line: 7, name: 'spin' }] }] }, ',line=7,'],
    ['a crash', { kind: 'crash', phase: 'test', exitCode: 3, signal: null, output: '' }, ',title='],
  ])('points at the line of %s (no line when Python named none in the file)', (_, python, expected) => {
    const entry = judge(LOGGED, 'workspace', file('01_logged'), { kind: 'failed', tests: [testReport('t', 'failed', { failure: { message: 'm', python } })], durationMs: 1 });
    expect(renderGithubAnnotations({ mode: 'workspace', problems: [], entries: [entry] }, PATHS)).toMatch(new RegExp(`^::error file=exercises/01_decorators/01_logged\\.py${expected}`));
  });
});

describe('repositoryPath', () => {
  const entry = { file: '../ws/exercises/01_decorators/01_logged.py', path: '/home/me/ws/exercises/01_decorators/01_logged.py' };

  it.each([
    ['the workspace is the repository', '/home/me/ws', 'exercises/01_decorators/01_logged.py'],
    ['the workspace is a folder of the repository', '/home/me', 'ws/exercises/01_decorators/01_logged.py'],
    ['the file is outside the repository', '/elsewhere', undefined],
  ])('is relative to the repository root, whatever the working directory (%s)', (_, repositoryRoot, expected) => {
    expect(repositoryPath(entry, { repositoryRoot, cwd: '/home/me/other' })).toBe(expected);
  });

  it('resolves a display path against the working directory when no absolute path is known', () => {
    expect(repositoryPath({ file: 'exercises/a.py' }, { repositoryRoot: '/repo', cwd: '/repo/ws' })).toBe('ws/exercises/a.py');
  });
});

describe('renderGithubSummary', () => {
  const summary = renderGithubSummary(REPORT);

  it('has a row per exercise with its result, and every failing test in full', () => {
    expect(summary).toContain('## advpy-kata: ❌ not verified');
    expect(summary).toContain('| ✅ 01\\_logged | `exercises/01\\_decorators/01\\_logged.py` | passes |');
    expect(summary).toContain('| ❌ 02\\_wraps | `exercises/01\\_decorators/02\\_wraps.py` | not passing yet: 3 of 4 tests not passing |');
    expect(summary).toContain('| ❌ 04\\_typed | `exercises/01\\_decorators/04\\_typed.py` | not checked: it needs threads |');
    expect(summary).toContain('<details><summary>✗ prints &lt;name&gt; &amp; "quotes"</summary>');
    expect(summary).toContain('<details><summary>✗ raises</summary>');
    expect(summary).toContain('exercises/01_decorators/03_timed.py could not be loaded');
  });

  it('keeps learner text inside its code block, however many backticks it has', () => {
    const entry = judge(LOGGED, 'workspace', 'a.py', { kind: 'failed', tests: [testReport('t', 'failed', { failure: { message: 'see ```\n# not a heading' } })], durationMs: 1 });
    const text = renderGithubSummary({ mode: 'workspace', problems: [], entries: [entry] });
    expect(text).toContain('````text\nsee ```\n# not a heading\n````');
  });

  it('under --done, says what was not checked', () => {
    const done: VerifyReport = { mode: 'done', entries: [], problems: [], notDone: ['01_logged', '02_wraps'] };
    expect(renderGithubSummary(done)).toContain('## advpy-kata: ✅ verified');
    expect(renderGithubSummary(done)).toContain('Not checked, since they are not done yet: 2 exercises (01\\_logged, 02\\_wraps).');
    const many: VerifyReport = { ...done, notDone: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
    expect(renderGithubSummary(many)).toContain('7 exercises (a, b, c, d, e, …).');
  });
});
