import { describe, expect, it } from 'vitest';
import { bridgeFileProblems, parseBridges, stubFor, withBridge } from '../../src/core/bridge.js';

const stub = [
  '"""Exercise 99 · demo: a goal.',
  '',
  'You know this from TypeScript/Go as a thing in TS, or another',
  'thing in Go. The false friend: something.',
  '',
  'A paragraph after it.',
  '"""',
  '',
  'x = 1',
  '',
].join('\n');

const file = ['## ts', 'You know this from TypeScript as a thing.', 'Its false friend.', '', '## go', 'You know this from Go as another thing.', ''].join('\n');

describe('withBridge', () => {
  it('replaces the shared paragraph, up to the blank line, and nothing else', () => {
    const result = withBridge(stub, 'You know this from Go as X.\nSecond line.');
    expect(result).toBe(stub.replace('You know this from TypeScript/Go as a thing in TS, or another\nthing in Go. The false friend: something.', 'You know this from Go as X.\nSecond line.'));
  });

  it('stops at the closing quotes when the paragraph ends the docstring', () => {
    const last = '"""Goal.\n\nYou know this from TypeScript/Go as a thing.\nMore.\n"""\n\nx = 1\n';
    expect(withBridge(last, 'You know this from TypeScript as Y.')).toBe('"""Goal.\n\nYou know this from TypeScript as Y.\n"""\n\nx = 1\n');
  });

  it('throws when the stub has no shared paragraph', () => {
    expect(() => withBridge('"""Goal."""\n', 'anything')).toThrow(/no paragraph starting "You know this from TypeScript\/Go"/);
  });
});

describe('stubFor', () => {
  it('leaves the stub alone when the learner named no language', () => {
    expect(stubFor(stub, parseBridges(file), undefined)).toBe(stub);
  });

  it("writes the named language's paragraph", () => {
    expect(stubFor(stub, parseBridges(file), 'ts')).toContain('\nYou know this from TypeScript as a thing.\nIts false friend.\n\nA paragraph after it.');
  });
});

describe('parseBridges and bridgeFileProblems', () => {
  it('reads both sections', () => {
    expect(parseBridges(file)).toEqual({ ts: 'You know this from TypeScript as a thing.\nIts false friend.', go: 'You know this from Go as another thing.' });
    expect(bridgeFileProblems(file)).toEqual([]);
  });

  it.each([
    ['sections out of order', file.replace('## ts', '## xx').replace('## go', '## ts').replace('## xx', '## go'), /exactly the headings/],
    ['a missing section', '## ts\nYou know this from TypeScript as a thing.\n', /exactly the headings/],
    ['a blank line inside a section', file.replace('Its false friend.', '\nIts false friend.'), /one paragraph/],
    ['a wrong opening', file.replace('You know this from Go', 'Coming from Go'), /go paragraph must start with "You know this from Go"/],
    ['the other language in the ts paragraph', file.replace('Its false friend.', 'Unlike Go, it differs.'), /mentions "Go"/],
    ['the other language in the go paragraph', file.replace('another thing.', 'what JS calls a Promise.'), /mentions "JS"/],
    ['a long line', file.replace('Its false friend.', 'x'.repeat(80)), /is 80 characters/],
    ['trailing spaces', file.replace('Its false friend.', 'Its false friend. '), /trailing spaces/],
    ['closing quotes', file.replace('Its false friend.', 'Its """ friend.'), /must not contain """/],
    ['no final newline', file.trimEnd(), /exactly one newline/],
  ])('rejects %s', (_name, text, problem) => {
    expect(bridgeFileProblems(text).join('\n')).toMatch(problem);
    expect(() => parseBridges(text)).toThrow(problem);
  });
});
