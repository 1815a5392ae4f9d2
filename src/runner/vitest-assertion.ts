/**
 * A Vitest assertion error -> the test's own message plus the compared values as
 * data, so the UI can say it in our words. Vitest's sentence ("expected 'a' to be
 * 'b' // Object.is equality", "to deeply equal") is written for JavaScript
 * developers reading their own tests; a learner reads the suite author's message
 * first, then what was expected and what their code gave, once. Pure.
 */
import type { Comparison } from '../core/outcome.js';

/** What Vitest serialises from a failed `expect` (see @vitest/utils `processError`). */
export interface AssertionErrorLike {
  message?: string;
  expected?: unknown;
  actual?: unknown;
}

/** Chai's verbs and our words for them ("Expected a value greater than: 2"); undefined means equal. */
const VERBS: ReadonlyArray<[verb: string, relation: string | undefined]> = [
  ['be greater than or equal to', 'at least'],
  ['be less than or equal to', 'at most'],
  ['be greater than', 'greater than'],
  ['be less than', 'less than'],
  ['be close to', 'close to'],
  ['deeply equal', undefined],
  ['strictly equal', undefined],
  ['be null', undefined],
  ['be undefined', undefined],
  ['contain', 'contain'],
  ['include', 'contain'],
  ['match', 'match'],
  ['equal', undefined],
  ['be', undefined],
];

const SENTENCE_START = /(^|: )expected /g;

/** The message without Vitest's sentence, and the comparison it described; undefined when it is not one. */
export function parseAssertionError(error: AssertionErrorLike): { message: string; comparison: Comparison } | undefined {
  const message = error.message ?? '';
  if (error.actual === undefined && error.expected === undefined) return undefined;
  // The sentence is the last part of the message; the suite's own text (if any) comes
  // before ": expected". The first start that parses wins, so the learner's values
  // quoted inside the sentence cannot move the cut.
  for (const match of message.matchAll(SENTENCE_START)) {
    const start = match.index + match[1]!.length;
    const parsed = parseSentence(message.slice(start), error);
    if (parsed) return { message: message.slice(0, match.index).trim(), comparison: parsed };
  }
  return undefined;
}

/**
 * True for `expect(check, message).toBe(true)` that failed: "Expected: True,
 * Received: False" under the suite's own sentence only repeats that the check
 * failed, so the UI shows the sentence alone.
 */
export function isBareVerdict(comparison: Comparison): boolean {
  const booleans = new Set(['true', 'false']);
  return comparison.relation === undefined && !comparison.text && booleans.has(comparison.expected) && booleans.has(comparison.received);
}

function parseSentence(sentence: string, error: AssertionErrorLike): Comparison | undefined {
  const body = sentence.slice('expected '.length);
  let best: { at: number; negated: boolean; verb: string; relation: string | undefined } | undefined;
  for (const [verb, relation] of VERBS) {
    const found = new RegExp(` (not )?to ${verb}(?= |,|$)`).exec(body);
    if (found && (best === undefined || found.index < best.at || (found.index === best.at && verb.length > best.verb.length))) {
      best = { at: found.index, negated: found[1] !== undefined, verb, relation };
    }
  }
  if (!best) return undefined;
  const shownActual = body.slice(0, best.at);
  const afterVerb = body.slice(best.at).replace(/^ (not )?to /, '').slice(best.verb.length).trimStart();
  // Chai quotes strings with single quotes; pretty-format leaves a lone string bare.
  const text = shownActual.startsWith("'") && (afterVerb.startsWith("'") || best.verb === 'be null' || best.verb === 'be undefined') &&
    typeof error.actual === 'string' && typeof error.expected === 'string';
  const comparison: Comparison = {
    expected: best.verb === 'be null' ? 'null' : best.verb === 'be undefined' ? 'undefined' : displayValue(error.expected),
    received: displayValue(error.actual),
    text: text && best.verb !== 'be null' && best.verb !== 'be undefined',
  };
  const relation = best.negated ? `other than${best.relation === undefined ? '' : ` one that would ${best.relation}`}` : best.relation;
  if (relation !== undefined) comparison.relation = relation;
  if (best.verb === 'be close to') {
    const within = /but expected ([\d.e+-]+)$/.exec(sentence)?.[1];
    if (within) comparison.relation = `within ${within} of`;
  }
  return comparison;
}

function displayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
