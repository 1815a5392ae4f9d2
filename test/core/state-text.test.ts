import { describe, expect, it } from 'vitest';
import { parseStateText } from '../../src/workspace/state-file.js';

const done = { status: 'done', hintsShown: 1, attempts: 2 };
const text = (value: unknown): string => JSON.stringify(value);

describe('parseStateText', () => {
  it('reads a valid file, filling defaults', async () => {
    expect(await parseStateText(text({ formatVersion: 1, current: '02_b', exercises: { '01_a': { status: 'done' } } }))).toEqual({
      ok: true,
      // Format 1 is read as it stands and comes back as the current format.
      state: { formatVersion: 2, current: '02_b', exercises: { '01_a': { status: 'done', hintsShown: 0, attempts: 0 } } },
    });
  });

  it.each([
    ['an empty file', '', /^not JSON: /, '', {}],
    ['a truncated file', '{"formatVersion": 1, "current": "02_b", "exer', /^not JSON: /, '', {}],
    ['null', 'null', /^\(root\): /, '', {}],
    ['an array', '[1]', /^\(root\): /, '', {}],
    ['a newer format', text({ formatVersion: 3, current: '02_b', exercises: { '01_a': done } }), /^formatVersion: /, '02_b', { '01_a': done }],
    ['one bad entry among good ones', text({ formatVersion: 1, current: '02_b', exercises: { '01_a': done, '02_b': { status: 'finished' } } }), /^exercises\.02_b\.status: /, '02_b', { '01_a': done }],
    ['a negative count', text({ formatVersion: 1, current: '01_a', exercises: { '01_a': { status: 'done', attempts: -1 } } }), /^exercises\.01_a\.attempts: /, '01_a', {}],
    ['an unknown key in an entry', text({ formatVersion: 1, current: '01_a', exercises: { '01_a': { ...done, extra: 1 } } }), /^exercises\.01_a: /, '01_a', {}],
    ['exercises that is not an object', text({ formatVersion: 1, current: '01_a', exercises: 'lots' }), /^exercises: /, '01_a', {}],
    ['a current that is not a string', text({ formatVersion: 1, current: 7, exercises: { '01_a': done } }), /^current: /, '', { '01_a': done }],
    ['an unknown top-level key', text({ formatVersion: 1, current: '01_a', exercises: { '01_a': done }, extra: 1 }), /^\(root\): /, '01_a', { '01_a': done }],
  ])('salvages what it can from %s', async (_, input, problem, current, exercises) => {
    const parsed = await parseStateText(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toMatch(problem);
    expect(parsed.salvage).toEqual({ formatVersion: 2, current, exercises });
  });
});
