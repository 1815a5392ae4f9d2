/**
 * The code of one test, quoted from its suite for reports (exercism's `test_code`).
 * Vitest tells where a test starts; where it ends is read from the layout every
 * suite in the course has (formatted code): the call that opens on the test's line
 * closes on the first later line with the same indentation that starts with `}` or `)`.
 * A parser would also read unformatted code, but the only runtime parser at hand is
 * TypeScript's, which is a 20 MB dev dependency; test/core/test-code.test.ts checks
 * the layout rule against every test in the course.
 */

/** The test defined at `line` (1-based) of `source`, dedented; undefined when the line is not in the file. */
export function testCodeAt(source: string, line: number): string | undefined {
  const lines = source.split(/\r?\n/);
  const first = lines[line - 1];
  if (first === undefined || first.trim() === '') return undefined;
  const indent = leadingSpace(first);
  let last = line - 1;
  if (opensBlock(first)) {
    for (let index = line; index < lines.length; index++) {
      const candidate = lines[index] ?? '';
      if (candidate.trim() !== '' && leadingSpace(candidate) === indent && /^[})]/.test(candidate.trimStart())) {
        last = index;
        break;
      }
    }
  }
  return lines
    .slice(line - 1, last + 1)
    .map((text) => (text.startsWith(indent) ? text.slice(indent.length) : text.trimStart()))
    .join('\n');
}

function leadingSpace(text: string): string {
  return /^\s*/.exec(text)?.[0] ?? '';
}

/** A line whose call goes on below it: it ends inside a bracket or an arrow. */
function opensBlock(text: string): boolean {
  return /(\{|\(|\[|,|=>)\s*$/.test(text.trimEnd());
}
