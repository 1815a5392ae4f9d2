import { describe, expect, it } from 'vitest';
import type { PythonFailure } from '../../src/core/failures.js';
import type { SuiteOutcome, TestReport } from '../../src/core/outcome.js';
import { judge, type VerifyEntry, type VerifyReport, type VerifyTarget } from '../../src/core/verify.js';
import type { PyFrame } from '../../src/engine/protocol.js';
import { renderGithubReport, renderJsonReport, renderJunitReport } from '../../src/ui/reporters.js';
import { exercise, testReport } from './_fixtures.js';

const WS = '/ws/exercises/01_decorators';
const file = (id: string): string => `exercises/01_decorators/${id}.py`;
const frame = (path: string, line: number, learner: boolean): PyFrame => ({ file: path, line, name: 'f', code: '', learner });
const raised = (phase: 'import' | 'test', path: string, line: number): PythonFailure => ({
  kind: 'exception',
  phase,
  error: { type: 'ValueError', module: 'builtins', message: 'bad', frames: [frame('/lib/x.py', 1, false), frame(path, line, true)], notes: [] },
});

const LOGGED = exercise(1, 'logged');
const WRAPS = exercise(2, 'wraps');
const TIMED = exercise(3, 'timed');
const TYPED = exercise(4, 'typed');
const RETRY = exercise(5, 'retry');

const output = { stdout: 'hi\n', stderr: 'warn\n', truncated: { stdout: 0, stderr: 0 }, warnings: [] };
const NASTY = 'expected <a> & "b" it\'s\u0001';

/** One entry per kind of outcome, as `verify` in a workspace would judge them. */
const ENTRIES: VerifyEntry[] = [
  judge(LOGGED, 'workspace', file('01_logged'), {
    kind: 'passed',
    tests: [testReport('returns the value', 'passed', { path: ['logged'], output })],
    durationMs: 3,
  }),
  judge(WRAPS, 'workspace', file('02_wraps'), {
    kind: 'failed',
    tests: [
      testReport('keeps __name__', 'passed'),
      testReport('prints <name> & "quotes"', 'failed', { failure: { message: NASTY, python: raised('test', `${WS}/02_wraps.py`, 9) } }),
      testReport('later', 'skipped'),
    ],
    durationMs: 3,
  }),
  judge(TIMED, 'workspace', file('03_timed'), {
    kind: 'broken',
    failure: { message: 'your file failed to import: ValueError: bad (03_timed.py:4)', python: raised('import', `${WS}/03_timed.py`, 4) },
    tests: [],
    durationMs: 3,
  }),
  judge(TYPED, 'workspace', file('04_typed'), { kind: 'unsupported', reason: 'it needs threads', fix: 'Install CPython.' }),
  judge(RETRY, 'workspace', file('05_retry'), { kind: 'error', message: 'the suite ran no tests' }),
];
const REPORT: VerifyReport = { mode: 'workspace', entries: ENTRIES, problems: [] };
const PASSING: VerifyReport = { mode: 'workspace', entries: ENTRIES.slice(0, 1), problems: [] };

describe('renderJsonReport', () => {
  const json = JSON.parse(renderJsonReport(REPORT));

  it('is version 3 with an overall status', () => {
    expect(json).toMatchObject({ version: 3, status: 'fail', mode: 'workspace', problems: [] });
    expect(JSON.parse(renderJsonReport(PASSING)).status).toBe('pass');
    expect(JSON.parse(renderJsonReport({ ...PASSING, problems: ['stray file'] })).status).toBe('fail');
  });

  it.each([
    [0, '01_logged', 'ok', 'pass', 'passes'],
    [1, '02_wraps', 'problem', 'fail', 'not passing yet'],
    [2, '03_timed', 'problem', 'error', 'your file failed to import: ValueError: bad (03_timed.py:4)'],
    [3, '04_typed', 'skipped', 'skip', 'skipped: it needs threads'],
    [4, '05_retry', 'problem', 'error', 'the suite could not run: the suite ran no tests'],
  ])('entry %i is %s: verdict %s, status %s', (index, id, verdict, status, message) => {
    expect(json.exercises[index]).toEqual({ exercise: id, target: 'workspace', file: file(id), verdict, status, message, tests: expect.any(Array) });
  });

  it('gives each test its full name, status, message and output', () => {
    expect(json.exercises[0].tests).toEqual([{ name: 'logged › returns the value', status: 'pass', message: null, output: 'hi\nwarn\n' }]);
    const [passed, failed, skipped] = json.exercises[1].tests;
    expect(passed).toEqual({ name: 'keeps __name__', status: 'pass', message: null, output: null });
    expect(failed).toEqual({ name: 'prints <name> & "quotes"', status: 'fail', message: NASTY, output: null });
    expect(skipped.status).not.toBe('pass');
  });
});

/** Throws unless `text` is one well-formed XML element after the declaration. */
function checkWellFormed(text: string): void {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  expect(text.startsWith(declaration)).toBe(true);
  const body = text.slice(declaration.length);
  const entity = '&(?:#\\d+|#x[\\da-fA-F]+|amp|lt|gt|quot|apos);';
  const attribute = `\\s+[A-Za-z][\\w-]*="(?:[^"<&]|${entity})*"`;
  const token = new RegExp(`</([A-Za-z][\\w-]*)>|<([A-Za-z][\\w-]*)((?:${attribute})*)\\s*(/?)>|(?:[^<&]|${entity})+`, 'y');
  const stack: string[] = [];
  let roots = 0;
  while (token.lastIndex < body.length) {
    const at = token.lastIndex;
    const match = token.exec(body);
    if (!match) throw new Error(`not well-formed at ${at}: ${JSON.stringify(body.slice(at, at + 60))}`);
    const [whole, close, open, attributes = '', selfClosing] = match;
    if (close) {
      expect(stack.pop(), `</${close}> closes the open element`).toBe(close);
    } else if (open) {
      const names = [...attributes.matchAll(/([\w-]+)="/g)].map((m) => m[1]);
      expect(new Set(names).size, `attributes of <${open}> are unique`).toBe(names.length);
      if (stack.length === 0) roots += 1;
      if (selfClosing === '') stack.push(open);
    } else if (stack.length === 0) {
      expect(whole.trim(), 'no text outside the root').toBe('');
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(body).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
}

describe('checkWellFormed (the check the JUnit tests rely on)', () => {
  const xml = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
  it.each([
    ['crossed elements', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></a>'],
    ['a raw < in an attribute', '<a x="<"/>'],
    ['a bare &', '<a>fish & chips</a>'],
    ['a raw quote ending an attribute early', '<a x="say "hi""/>'],
    ['two roots', '<a/><b/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['a control character', '<a>\u0001</a>'],
  ])('rejects %s', (_, body) => {
    expect(() => checkWellFormed(xml(body))).toThrow();
  });

  it('accepts entities and self-closing elements', () => {
    expect(() => checkWellFormed(xml('<a x="&#60;&amp;"><b/>t &#38; u</a>'))).not.toThrow();
  });
});

function suiteCounts(xml: string): Record<string, { tests: number; failures: number; skipped: number }> {
  const counts: Record<string, { tests: number; failures: number; skipped: number }> = {};
  for (const m of xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)"(?: skipped="(\d+)")?>/g)) {
    counts[m[1] ?? ''] = { tests: Number(m[2]), failures: Number(m[3]), skipped: Number(m[4] ?? 0) };
  }
  return counts;
}

describe('renderJunitReport', () => {
  const xml = renderJunitReport({ ...REPORT, problems: ['exercises/x.py <is> not listed & "stray"'] });

  it('is well-formed XML', () => {
    expect(() => checkWellFormed(xml)).not.toThrow();
  });

  it('counts tests, failures and skips per exercise', () => {
    expect(suiteCounts(xml)).toEqual({
      '01_logged (workspace)': { tests: 1, failures: 0, skipped: 0 },
      '02_wraps (workspace)': { tests: 3, failures: 1, skipped: 1 },
      '03_timed (workspace)': { tests: 1, failures: 1, skipped: 0 },
      '04_typed (workspace)': { tests: 1, failures: 0, skipped: 1 },
      '05_retry (workspace)': { tests: 1, failures: 1, skipped: 0 },
      course: { tests: 1, failures: 1, skipped: 0 },
    });
  });

  it.each([
    ['a failure message', 'expected &#60;a&#62; &#38; &#34;b&#34; it&#39;s'],
    ['a test name', 'name="prints &#60;name&#62; &#38; &#34;quotes&#34;"'],
    ['a course problem', 'exercises/x.py &#60;is&#62; not listed &#38; &#34;stray&#34;'],
    ['captured stdout', '<system-out>hi\n</system-out>'],
  ])('escapes %s', (_, expected) => {
    expect(xml).toContain(expected);
    expect(xml).not.toContain('<a>');
    expect(xml).not.toContain('\u0001');
  });

  it.each<[VerifyTarget, SuiteOutcome['kind'], number]>([
    ['stub', 'passed', 1],
    ['stub', 'failed', 0],
    ['solution', 'passed', 0],
    ['solution', 'failed', 1],
  ])('in solutions mode a %s that %s counts %i failure(s)', (target, kind, failures) => {
    const tests: TestReport[] = [testReport('t', kind === 'passed' ? 'passed' : 'failed')];
    const entry = judge(LOGGED, target, file('01_logged'), { kind, tests, durationMs: 1 } as SuiteOutcome);
    const out = renderJunitReport({ mode: 'solutions', entries: [entry], problems: [] });
    expect(() => checkWellFormed(out)).not.toThrow();
    expect(suiteCounts(out)[`01_logged (${target})`]?.failures).toBe(failures);
  });
});

describe('renderGithubReport', () => {
  const lines = renderGithubReport({ ...REPORT, problems: ['exercises/x.py is not listed'] }).split('\n');

  it('writes one annotation per problem, failing test, broken file, skip and error, and none for a pass', () => {
    expect(lines).toEqual([
      '::error title=advpy-kata course::exercises/x.py is not listed',
      '::error file=exercises/01_decorators/02_wraps.py,line=9,title=02_wraps (workspace)::prints <name> & "quotes": Python raised ValueError: bad (02_wraps.py:9)',
      '::error file=exercises/01_decorators/03_timed.py,line=4,title=03_timed (workspace)::your file failed to import: ValueError: bad (03_timed.py:4)',
      '::warning file=exercises/01_decorators/04_typed.py,title=04_typed (workspace)::skipped: it needs threads',
      '::error file=exercises/01_decorators/05_retry.py,line=1,title=05_retry (workspace)::the suite could not run: the suite ran no tests',
    ]);
  });

  it('is empty when everything passes', () => {
    expect(renderGithubReport(PASSING)).toBe('');
  });

  const failing = (path: string, message: string): string =>
    renderGithubReport({
      mode: 'workspace',
      problems: [],
      entries: [judge(LOGGED, 'workspace', path, { kind: 'failed', tests: [testReport('t', 'failed', { failure: { message } })], durationMs: 1 })],
    });

  it.each([
    ['a.py', 'plain', '::error file=a.py,line=1,title=01_logged (workspace)::t: plain'],
    ['a.py', '100% sure', '::error file=a.py,line=1,title=01_logged (workspace)::t: 100%25 sure'],
    ['a.py', 'one\ntwo', '::error file=a.py,line=1,title=01_logged (workspace)::t: one%0Atwo'],
    ['a.py', 'cr\r\nlf', '::error file=a.py,line=1,title=01_logged (workspace)::t: cr%0D%0Alf'],
    ['a.py', 'a: b, c', '::error file=a.py,line=1,title=01_logged (workspace)::t: a: b, c'],
    ['C:\\w,x\\a.py', 'm', '::error file=C%3A\\w%2Cx\\a.py,line=1,title=01_logged (workspace)::t: m'],
    ['50%\n.py', 'm', '::error file=50%25%0A.py,line=1,title=01_logged (workspace)::t: m'],
  ])('escapes file %j and message %j', (path, message, expected) => {
    expect(failing(path, message)).toBe(expected);
  });

  it.each<[string, PythonFailure, number]>([
    ['a frame in the learner file', raised('test', `${WS}/01_logged.py`, 6), 6],
    ['a frame in another file', raised('test', `${WS}/helper.py`, 6), 1],
    ['a hang', { kind: 'timeout', phase: 'test', timeoutMs: 3000, stuck: [{ id: '1', current: true, frames: [{ file: `${WS}/01_logged.py`, line: 7, name: 'spin' }] }] }, 7],
    ['a crash', { kind: 'crash', phase: 'test', exitCode: 3, signal: null, output: '' }, 1],
  ])('points at the line of %s', (_, python, line) => {
    const entry = judge(LOGGED, 'workspace', file('01_logged'), { kind: 'failed', tests: [testReport('t', 'failed', { failure: { message: 'm', python } })], durationMs: 1 });
    expect(renderGithubReport({ mode: 'workspace', problems: [], entries: [entry] })).toMatch(new RegExp(`^::error file=[^,]+,line=${line},`));
  });
});
