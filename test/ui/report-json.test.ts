/** The JSON report, validated against the published schema with ajv, and read as exercism's results.json v3. */
import { describe, expect, it } from 'vitest';
import { OUTPUT_LIMIT } from '../../src/core/verify-report-schema.js';
import { cappedOutput, renderJsonReport } from '../../src/ui/report-json.js';
import { testReport } from '../core/_fixtures.js';
import { exercismProblems, expectValidReport, validateReport as validate } from '../helpers/report-schema.js';
import { PASSING, REPORT } from './_verify-report.js';

describe('the schema check the JSON tests rely on', () => {
  it.each([
    ['a status exercism does not have', (json: any) => (json.exercises[0].status = 'skip')],
    ['output over 500 characters', (json: any) => (json.exercises[0].tests[0].output = 'x'.repeat(501))],
    ['an error without a message', (json: any) => Object.assign(json.exercises[2], { status: 'error', message: null })],
    ['a missing test_code', (json: any) => delete json.exercises[0].tests[0].test_code],
    ['an unknown field', (json: any) => (json.extra = 1)],
  ])('rejects %s', (_, spoil) => {
    const json = JSON.parse(renderJsonReport(REPORT));
    spoil(json);
    expect(validate(json)).toBe(false);
  });
});

describe('renderJsonReport', () => {
  const json = JSON.parse(renderJsonReport(REPORT));
  const byId = (id: string) => json.exercises.find((entry: { exercise: string }) => entry.exercise === id);

  it('validates against the published schema, passing or failing', () => {
    expectValidReport(json);
    expectValidReport(JSON.parse(renderJsonReport(PASSING)));
    expectValidReport(JSON.parse(renderJsonReport({ mode: 'done', entries: [], problems: [], notDone: ['01_logged'] })));
  });

  it('makes every exercise entry a results.json v3 object', () => {
    for (const entry of json.exercises) expect(exercismProblems(entry), entry.exercise).toEqual([]);
  });

  it('says pass or fail for the whole run, as the exit code does', () => {
    expect(json).toMatchObject({ format: 'advpy-kata verify report', formatVersion: 1, mode: 'workspace', status: 'fail', problems: [], notDone: [] });
    expect(JSON.parse(renderJsonReport(PASSING)).status).toBe('pass');
    expect(JSON.parse(renderJsonReport({ ...PASSING, problems: ['stray file'] })).status).toBe('fail');
  });

  it.each([
    ['01_logged', 'pass', 'ok'],
    ['02_wraps', 'fail', 'problem'],
    ['03_timed', 'error', 'problem'],
    ['05_retry', 'error', 'problem'],
    ['06_cached', 'fail', 'problem'],
    ['07_slow', 'fail', 'problem'],
  ])('%s: status %s, verdict %s', (id, status, verdict) => {
    expect(byId(id)).toMatchObject({ version: 3, exercise: id, target: 'workspace', status, verdict });
  });

  it('lists skipped exercises apart, with the reason and the fix, never among the results', () => {
    expect(byId('04_typed')).toBeUndefined();
    expect(json.skipped).toEqual([{ exercise: '04_typed', target: 'workspace', file: 'exercises/01_decorators/04_typed.py', reason: 'it needs threads', fix: 'Install CPython.' }]);
  });

  it('gives an import error the message and no tests (exercism: no test ran correctly)', () => {
    const timed = byId('03_timed');
    expect(timed.tests).toEqual([]);
    expect(timed.message).toContain('ValueError: bad');
    expect(timed.message).toContain('This happened while importing your file');
  });

  it('gives each test its name, status, message, output, code and task', () => {
    expect(byId('01_logged').tests).toEqual([
      {
        name: 'logged › returns the value',
        status: 'pass',
        message: null,
        output: 'hi \uFFFF\uFFFE \\x00\\x08 \\x1b[31mred\\x1b[0m \\ud800 done\nwarn\n',
        test_code: "test('returns the value', async () => {\n  expect(await py.eval('1')).toBe(1);\n});",
        task_id: 1,
        explanations: [],
      },
    ]);
    const [passed, failed, raised, skipped] = byId('02_wraps').tests;
    expect(passed).toMatchObject({ name: 'keeps __name__', status: 'pass', message: null, output: null, task_id: 2 });
    expect(failed).toMatchObject({ status: 'fail', message: 'expected <a> & "b"\nsecond line\tand a tab' });
    expect(raised.status).toBe('fail');
    expect(raised.message).toContain('ValueError: bad');
    expect(skipped.status, 'a test that did not run is not a pass').toBe('fail');
    expect(byId('06_cached').tests[0].status, 'a crash is an error').toBe('error');
  });
});

describe('cappedOutput', () => {
  const out = (stdout: string, dropped = 0) => cappedOutput(testReport('t', 'passed', { output: { stdout, stderr: '', truncated: { stdout: dropped, stderr: 0 }, warnings: [] } }));

  it.each([
    ['nothing printed', '', null],
    ['short output', 'hello\n', 'hello\n'],
    ['exactly 500 characters', 'x'.repeat(500), 'x'.repeat(500)],
  ])('keeps %s as it is', (_, stdout, expected) => {
    expect(out(stdout)).toBe(expected);
  });

  it.each([
    ['501 characters', 'x'.repeat(501), 0],
    ['10 000 characters', 'y'.repeat(10_000), 0],
    ['short output the runner had already cut', 'abc', 2048],
    ['emoji across the cut', '😀'.repeat(400), 0],
  ])('cuts %s to 500 with exercism\'s note', (_, stdout, dropped) => {
    const capped = out(stdout, dropped) ?? '';
    expect(capped.length).toBeLessThanOrEqual(OUTPUT_LIMIT);
    expect(capped.endsWith('(Output was truncated. Please limit to 500 chars.)')).toBe(true);
    expect(capped, 'no half of a surrogate pair is left').not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
