/** The JUnit report, read back with a conforming XML parser, the xunit schema's rules and junit2json. */
import { describe, expect, it } from 'vitest';
import type { TestCase, TestSuite } from 'junit2json';
import type { SuiteOutcome, TestReport } from '../../src/core/outcome.js';
import { judge, type VerifyTarget } from '../../src/core/verify.js';
import { renderJunitReport } from '../../src/ui/report-junit.js';
import { elements, parseXml, readJunit, schemaViolations } from '../helpers/junit.js';
import { LOGGED, MULTILINE, REPORT, file } from './_verify-report.js';

const XML = renderJunitReport({ ...REPORT, problems: ['exercises/x.py <is> not listed & "stray"'] });

function suite(suites: TestSuite[] | undefined, name: string): TestSuite {
  const found = suites?.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no <testsuite name="${name}"> in the report; suites: ${suites?.map((candidate) => candidate.name).join(', ')}`);
  return found;
}
const onlyCase = (found: TestSuite): TestCase => {
  expect(found.testcase, `suite ${found.name} has one testcase`).toHaveLength(1);
  return found.testcase![0]!;
};

describe('the checks the JUnit tests rely on', () => {
  it.each([
    ['U+FFFF', '<testsuites><testsuite name="a\uFFFF" tests="0" failures="0" errors="0"/></testsuites>'],
    ['a control character', '<testsuites><testsuite name="\u0001" tests="0" failures="0" errors="0"/></testsuites>'],
    ['a lone surrogate', '<testsuites><testsuite name="\uD800" tests="0" failures="0" errors="0"/></testsuites>'],
    ['a bare &', '<testsuites>fish & chips</testsuites>'],
    ['crossed elements', '<testsuites><a></testsuites></a>'],
  ])('parseXml rejects %s', (_, body) => {
    expect(() => parseXml(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`)).toThrow(/not well-formed/);
  });

  it.each([
    ['a suite without errors', '<testsuites><testsuite name="a" tests="0" failures="0"/></testsuites>', /lacks the required attribute errors/],
    ['skipped on testsuites', '<testsuites skipped="1"><testsuite name="a" tests="0" failures="0" errors="0"/></testsuites>', /may not have the attribute skipped/],
    ['a comma in time', '<testsuites><testsuite name="a" tests="0" failures="0" errors="0" time="1,5x"/></testsuites>', /not a number of seconds/],
    ['a testcase without a name', '<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase/></testsuite></testsuites>', /lacks the required attribute name/],
  ])('schemaViolations finds %s', (_, body, problem) => {
    expect(schemaViolations(parseXml(body)).join('\n')).toMatch(problem);
  });

  it('readJunit rejects counts that disagree with the testcases', async () => {
    const xml = '<testsuites tests="1" failures="0" errors="0"><testsuite name="a" tests="1" failures="0" errors="0" skipped="0"><testcase name="t"><failure/></testcase></testsuite></testsuites>';
    await expect(readJunit(xml)).rejects.toThrow(/failures="0" but it holds 1/);
  });
});

describe('renderJunitReport', async () => {
  const { document, report } = await readJunit(XML);

  it('has one suite per exercise run, plus one for course problems, with every count and time', () => {
    expect(report.testsuite?.map((found) => found.name)).toEqual(['01_logged', '02_wraps', '03_timed', '04_typed', '05_retry', '06_cached', '07_slow', 'course']);
    const counts = Object.fromEntries(
      (report.testsuite ?? []).map((found) => [found.name, [found.tests, found.failures, found.errors, found.skipped]]),
    );
    expect(counts, '[tests, failures, errors, skipped] per suite').toEqual({
      '01_logged': [1, 0, 0, 0],
      '02_wraps': [4, 2, 0, 1],
      '03_timed': [1, 0, 1, 0],
      '04_typed': [1, 0, 0, 1],
      '05_retry': [1, 0, 1, 0],
      '06_cached': [1, 0, 1, 0],
      '07_slow': [1, 1, 0, 0],
      course: [1, 1, 0, 0],
    });
    expect(report).toMatchObject({ tests: 11, failures: 4, errors: 3 });
    for (const found of elements(document, 'testsuite')) expect(found.attributes, `suite ${found.attributes.name}`).toHaveProperty('time');
    expect(suite(report.testsuite, '07_slow').time).toBe(3);
    expect(suite(report.testsuite, '02_wraps').testcase?.[0]?.time).toBe(0.012);
  });

  it('reports an import error as one <error>, not as skipped tests', () => {
    const found = onlyCase(suite(report.testsuite, '03_timed'));
    expect(found.name).toBe('load exercises/01_decorators/03_timed.py');
    expect(found.skipped).toBeUndefined();
    expect(found.error?.[0]).toMatchObject({ type: 'ValueError', message: 'your file failed to import: ValueError: bad (03_timed.py:4)' });
    expect(found.error?.[0]?.inner).toContain('This happened while importing your file');
  });

  it('reports a crash as an <error>, with what Python wrote last in <system-err>', () => {
    const found = onlyCase(suite(report.testsuite, '06_cached'));
    expect(found.error?.[0]).toMatchObject({ type: 'PythonCrashed', message: expect.stringContaining('exited with code 3') });
    expect(found.failure).toBeUndefined();
    expect(found.error?.[0]?.inner).toContain('The interpreter itself stopped');
  });

  it('reports a timeout as a <failure> of its test, saying where it was stuck', () => {
    const found = onlyCase(suite(report.testsuite, '07_slow'));
    expect(found.failure?.[0]).toMatchObject({ type: 'Timeout', message: 'Python did not finish within 3000 ms; stuck here: 07_slow.py:7 in spin' });
  });

  it('reports a skip as <skipped> with the reason and the fix, and a suite that could not run as an <error>', () => {
    expect(onlyCase(suite(report.testsuite, '04_typed')).skipped).toEqual([{ message: 'it needs threads. Install CPython.' }]);
    expect(onlyCase(suite(report.testsuite, '05_retry')).error?.[0]?.message).toBe('the suite could not run: the suite ran no tests');
  });

  it('keeps newlines and tabs in attributes (encoded, so a conforming parser reads them back)', () => {
    const failure = elements(document, 'failure').find((found) => found.attributes.message?.startsWith('expected'));
    expect(failure?.attributes.message).toBe(MULTILINE);
    expect(XML).toContain('&#10;second line&#9;and a tab');
  });

  it('puts stdout in <system-out> and stderr in <system-err>, without ANSI or characters XML forbids', () => {
    const logged = onlyCase(suite(report.testsuite, '01_logged'));
    expect(logged['system-out']?.[0]).toBe('hi  \\x00\\x08 \\x1b[31mred\\x1b[0m \\ud800 done\n');
    expect(logged['system-err']).toEqual(['warn\n']);
    expect(XML).not.toMatch(/\x1b/);
    expect(XML).not.toMatch(/[\uFFFE\uFFFF\u0000-\u0008]/);
  });

  it('escapes names and messages', () => {
    expect(suite(report.testsuite, '02_wraps').testcase?.[1]?.name).toBe('prints <name> & "quotes"');
    expect(onlyCase(suite(report.testsuite, 'course')).name).toBe('exercises/x.py <is> not listed & "stray"');
  });

  it.each<[VerifyTarget, SuiteOutcome['kind'], number]>([
    ['stub', 'passed', 1],
    ['stub', 'failed', 0],
    ['stub', 'broken', 0],
    ['solution', 'passed', 0],
    ['solution', 'failed', 1],
  ])('in solutions mode a %s that %s counts %i failure(s)', async (target, kind, failures) => {
    const tests: TestReport[] = [{ name: 't', path: [], status: kind === 'passed' ? 'passed' : 'failed', durationMs: 1 }];
    const outcome = (kind === 'broken' ? { kind, failure: { message: 'SyntaxError' }, tests: [], durationMs: 1 } : { kind, tests, durationMs: 1 }) as SuiteOutcome;
    const out = renderJunitReport({ mode: 'solutions', entries: [judge(LOGGED, target, file('01_logged'), outcome)], problems: [] });
    const { report: read } = await readJunit(out);
    expect(suite(read.testsuite, `01_logged (${target})`).failures).toBe(failures);
  });

  it('is an empty, valid report when nothing was checked (verify --done on a fresh workspace)', async () => {
    const { report: empty } = await readJunit(renderJunitReport({ mode: 'done', entries: [], problems: [], notDone: ['01_logged'] }));
    expect(empty).toMatchObject({ tests: 0, failures: 0, errors: 0 });
  });
});
