import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { testCodeAt } from '../../src/core/test-code.js';
import { COURSE_ROOT } from '../../src/workspace/course.js';

const SUITE = `import { test } from 'vitest';

test('one line', () => expect(1).toBe(1));

test('a block', async () => {
  const x = f(')');
  if (x) {
    expect(x).toBe(1);
  }
});

describe('group', () => {
  test.skipIf(true)(
    'split over lines',
    async () => {
      await run();
    },
  );
});
`;

describe('testCodeAt', () => {
  it.each([
    [3, "test('one line', () => expect(1).toBe(1));"],
    [5, "test('a block', async () => {\n  const x = f(')');\n  if (x) {\n    expect(x).toBe(1);\n  }\n});"],
    [13, "test.skipIf(true)(\n  'split over lines',\n  async () => {\n    await run();\n  },\n);"],
  ])('quotes the test at line %i, dedented', (line, code) => {
    expect(testCodeAt(SUITE, line)).toBe(code);
  });

  it.each([0, 2, 99])('is undefined for line %i (blank or not in the file)', (line) => {
    expect(testCodeAt(SUITE, line)).toBeUndefined();
  });
});

/** Every test call in a suite, found by TypeScript's parser: its first line and its full text, dedented. */
function testCalls(source: string): Array<{ line: number; code: string }> {
  const file = ts.createSourceFile('suite.ts', source, ts.ScriptTarget.Latest, true);
  const calls: Array<{ line: number; code: string }> = [];
  const isTestCallee = (node: ts.Expression): boolean =>
    (ts.isIdentifier(node) && (node.text === 'test' || node.text === 'it')) ||
    (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && isTestCallee(node.expression.expression));
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) && ts.isCallExpression(node.expression) && isTestCallee(node.expression.expression)) {
      const start = node.getStart(file);
      const { line, character } = file.getLineAndCharacterOfPosition(start);
      const indent = ' '.repeat(character);
      const code = node
        .getText(file)
        .split('\n')
        .map((text) => (text.startsWith(indent) ? text.slice(indent.length) : text))
        .join('\n');
      calls.push({ line: line + 1, code });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return calls;
}

describe('testCodeAt on the course', () => {
  const suites = readdirSync(join(COURSE_ROOT, 'exercises'), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.test.ts'));

  it('finds the suites', () => {
    expect(suites.length).toBeGreaterThan(20);
  });

  it.each(suites)('%s: quotes every test exactly as the TypeScript parser delimits it', (suite) => {
    const source = readFileSync(join(COURSE_ROOT, 'exercises', suite), 'utf8');
    const calls = testCalls(source);
    expect(calls.length, `${suite} has tests`).toBeGreaterThan(0);
    for (const call of calls) {
      expect(testCodeAt(source, call.line), `${suite}:${call.line}: the code quoted for this test differs from the parsed call; keep suites formatted (the closing line of a test has the indentation of its first line)`).toBe(call.code);
    }
  });
});
