/** How explanations of habits read in a rendered outcome: labelled for their audience, and each given once. */
import { describe, expect, test } from 'vitest';
import type { Explanation } from '../../src/core/explanations.js';
import type { TestReport } from '../../src/core/outcome.js';
import { renderOutcome } from '../../src/ui/render-outcome.js';
import { themeFor } from '../../src/ui/theme.js';
import { memoryIo } from '../helpers/io.js';

const context = { theme: themeFor(memoryIo('/tmp')), displayPath: 'ex.py', isLearnerFile: () => true };

const forgotReturn: Explanation = {
  id: 'decorator-returns-none',
  expected: 'A decorator that forgets `return wrapper` returns None.',
  python: 'Python then calls None.',
  fix: 'end the decorator with `return wrapper`',
  audience: 'both',
};

function failing(name: string, explanations: Explanation[]): TestReport {
  return { name, path: [], status: 'failed', durationMs: 1, failure: { message: `${name} failed`, explanations } };
}

describe('explanations in renderOutcome', () => {
  test('one habit behind several failures is explained once, then referred to', () => {
    const text = renderOutcome({ kind: 'failed', durationMs: 1, tests: [failing('first', [forgotReturn]), failing('second', [forgotReturn]), failing('third', [forgotReturn])] }, context);
    expect(text.match(/A decorator that forgets/g)).toHaveLength(1);
    expect(text.match(/Fix: end the decorator/g)).toHaveLength(1);
    expect(text.match(/The same habit as explained above/g)).toHaveLength(2);
    // The full explanation sits under the first failure.
    expect(text.indexOf('A decorator that forgets')).toBeLessThan(text.indexOf('second failed'));
  });

  test.each([
    ['ts', 'Coming from TypeScript?'],
    ['go', 'Coming from Go?'],
    ['both', 'Coming from TS/Go?'],
  ] as const)('an explanation for %s is labelled %j', (audience, label) => {
    const text = renderOutcome({ kind: 'failed', durationMs: 1, tests: [failing('only', [{ ...forgotReturn, audience }])] }, context);
    expect(text).toContain(`${label} A decorator that forgets`);
  });

  test('two renders do not share what they explained', () => {
    const outcome = { kind: 'failed', durationMs: 1, tests: [failing('first', [forgotReturn])] } as const;
    renderOutcome(outcome, context);
    expect(renderOutcome(outcome, context)).toContain('A decorator that forgets');
  });
});
