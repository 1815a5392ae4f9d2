/**
 * snippetReport: the questions suites ask of a pyright run, answered from a real
 * run (pyright's wording is what these parse, so a fake would prove little).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { snippetReport, type SnippetReport } from '../../src/testing/snippet-report.js';
import { runPyright } from '../../src/testing/typecheck.js';

const MODULE = `
class Box[T]:
    def __init__(self, item: T) -> None:
        self.item = item


def broken() -> str:
    return 42  # module-error
`;

const SNIPPET = `
  from typing import reveal_type

  import exercise

  box = exercise.Box(3)
  reveal_type(box.item)  # revealed-int
  reveal_type(exercise.Box)  # revealed-class
  exercise.Box()  # missing-argument
  exercise.Box(1, 2)  # extra-argument
  print(box)  # clean-line
`;

const scratch = mkdtempSync(join(tmpdir(), 'advpy-snippet-report-'));
let report: SnippetReport;

beforeAll(async () => {
  const modulePath = join(scratch, '99_sample.py');
  writeFileSync(modulePath, MODULE);
  const result = await runPyright({ modulePath, snippet: SNIPPET, cacheDir: join(scratch, 'cache') });
  report = snippetReport(result, SNIPPET);
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('snippetReport', () => {
  test('errorsAt finds the errors on the marked line only', () => {
    expect(report.errorsAt('# missing-argument').length).toBeGreaterThan(0);
    expect(report.errorsAt('# extra-argument').length).toBeGreaterThan(0);
    expect(report.errorsAt('# clean-line')).toEqual([]);
    expect(report.errorsAt('# missing-argument').every((d) => d.severity === 'error' && d.origin === 'snippet')).toBe(true);
  });

  test('revealedAt reads the type reveal_type printed, and undefined where none was', () => {
    expect(report.revealedAt('# revealed-int')).toBe('int');
    expect(report.revealedAt('# revealed-class')).toBe('type[Box[Unknown]]');
    expect(report.revealedAt('# clean-line')).toBeUndefined();
  });

  test('an unknown marker is the suite author’s mistake, said plainly', () => {
    expect(() => report.errorsAt('# no-such-marker')).toThrow(/no line containing "# no-such-marker"/);
  });

  test('codeAt quotes the marked line without its marker', () => {
    expect(report.codeAt('# extra-argument')).toBe('exercise.Box(1, 2)');
  });

  test('moduleErrors lists the learner module’s errors, less ignored rules', () => {
    const errors = report.moduleErrors();
    expect(errors.map((d) => d.line)).toEqual([8]);
    expect(report.moduleErrors({ ignoreRules: [errors[0]?.rule ?? ''] })).toEqual([]);
  });

  test('describe quotes snippet code and names the module file, with revealed types', () => {
    const text = report.describe();
    expect(text).toMatch(/^pyright reported:/);
    expect(text).toContain('`exercise.Box(1, 2)`: ');
    expect(text).toContain('`reveal_type(box.item)`: Type of "box.item" is "int"');
    expect(text).toContain('99_sample.py:8:');
    expect(snippetReport({ diagnostics: [] }, SNIPPET).describe()).toBe('pyright reported nothing.');
  });
});
