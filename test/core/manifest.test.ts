import { describe, expect, it } from 'vitest';
import { deriveExercise, parseManifest } from '../../src/core/manifest.js';
import { exercise } from './_fixtures.js';

type Json = Record<string, any>;

function chapter(id: string): Json {
  return { id, title: `Chapter ${id}`, bridge: 'how it maps onto TypeScript and Go', learned: 'what the chapter taught' };
}
function entry(number: number, name: string, chapterId = '01_decorators'): Json {
  return { number, name, chapter: chapterId, title: `teaches ${name}`, hints: ['nudge', 'nearly'], requires: { python: '3.12' } };
}
function manifest(...exercises: Json[]): Json {
  return { formatVersion: 1, title: 'Course', chapters: [chapter('01_decorators')], exercises: exercises.length > 0 ? exercises : [entry(1, 'logged')] };
}
/** The minimal manifest with one value replaced (or removed, for `undefined`) at a dotted path. */
function withField(path: string, value: unknown): Json {
  const root = manifest();
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<Json>((node, key) => node[key], root);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return root;
}

describe('parseManifest', () => {
  it('accepts a minimal manifest, fills defaults and derives paths', () => {
    const result = parseManifest(manifest());
    expect(result.errors).toEqual([]);
    expect(result.value?.exercises).toEqual([
      expect.objectContaining({ id: '01_logged', timeoutMs: 20_000, requires: { python: '3.12', capabilities: [] } }),
    ]);
  });

  it('accepts gaps in the numbering', () => {
    expect(parseManifest(manifest(entry(1, 'a'), entry(5, 'b'))).errors).toEqual([]);
  });

  it.each([
    ['formatVersion', 2, /^formatVersion: /],
    ['title', undefined, /^title: /],
    ['title', '', /^title: /],
    ['extra', true, /^\(root\): Unrecognized key: "extra"/],
    ['chapters', [], /^chapters: /],
    ['chapters.0.id', 'decorators', /^chapters\.0\.id: must look like "01_decorators"$/],
    ['chapters.0.bridge', '', /^chapters\.0\.bridge: /],
    ['exercises', [], /^exercises: /],
    ['exercises.0.number', 0, /^exercises\.0\.number: /],
    ['exercises.0.number', 100, /^exercises\.0\.number: /],
    ['exercises.0.number', 1.5, /^exercises\.0\.number: /],
    ['exercises.0.name', 'Logged', /^exercises\.0\.name: must be snake_case$/],
    ['exercises.0.name', '1st', /^exercises\.0\.name: must be snake_case$/],
    ['exercises.0.title', '', /^exercises\.0\.title: /],
    ['exercises.0.hints', ['only one'], /^exercises\.0\.hints: needs at least two hints/],
    ['exercises.0.hints', [], /^exercises\.0\.hints: needs at least two hints/],
    ['exercises.0.hints', ['nudge', ''], /^exercises\.0\.hints\.1: /],
    ['exercises.0.requires', undefined, /^exercises\.0\.requires: /],
    ['exercises.0.requires.python', '3', /^exercises\.0\.requires\.python: must look like "3\.12"$/],
    ['exercises.0.requires.python', '3.12.1', /^exercises\.0\.requires\.python: must look like "3\.12"$/],
    ['exercises.0.requires.capabilities', ['gpu'], /^exercises\.0\.requires\.capabilities\.0: /],
    ['exercises.0.requires.extra', 1, /^exercises\.0\.requires: Unrecognized key: "extra"/],
    ['exercises.0.timeoutMs', 999, /^exercises\.0\.timeoutMs: /],
    ['exercises.0.timeoutMs', 600_001, /^exercises\.0\.timeoutMs: /],
    ['exercises.0.solution', 'x.py', /^exercises\.0: Unrecognized key: "solution"/],
  ])('%s = %j is rejected with its field path', (path, value, message) => {
    const result = parseManifest(withField(path, value));
    expect(result.value).toBeUndefined();
    expect(result.errors).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['not an object', null, '(root): Invalid input: expected object, received null'],
    ['duplicate numbers', manifest(entry(1, 'a'), entry(1, 'b')), 'exercises.1.number: 1 is also used by exercises.0'],
    ['duplicate names', manifest(entry(1, 'a'), entry(2, 'a')), 'exercises.1.name: "a" is also used by exercises.0'],
    ['unknown chapter', manifest(entry(1, 'a', '09_nowhere')), 'exercises.0.chapter: unknown chapter "09_nowhere"'],
    ['numbers out of order', manifest(entry(2, 'a'), entry(1, 'b')), 'exercises.1.number: exercises must be listed in increasing number order'],
    ['duplicate chapter ids', { ...manifest(), chapters: [chapter('01_decorators'), chapter('01_decorators')] }, 'chapters.1.id: duplicate chapter "01_decorators"'],
  ])('%s is an error naming the field', (_, input, message) => {
    const result = parseManifest(input);
    expect(result.value).toBeUndefined();
    expect(result.errors).toContain(message);
  });

  it.each([
    ['stub', 'exercises/01_decorators/01_logged.py'],
    ['suite', 'exercises/01_decorators/01_logged.test.ts'],
    ['solution', 'solutions/01_decorators/01_logged.py'],
  ])('a missing %s file is named through fileExists', (field, path) => {
    const result = parseManifest(manifest(), (relative) => relative !== path);
    expect(result.errors).toEqual([`exercises.0: ${field} file ${path} does not exist`]);
  });

  it('asks fileExists about exactly the stub, suite and solution of every exercise', () => {
    const asked: string[] = [];
    parseManifest(manifest(entry(1, 'a'), entry(2, 'b')), (path) => asked.push(path) > 0);
    expect(asked).toEqual([
      'exercises/01_decorators/01_a.py', 'exercises/01_decorators/01_a.test.ts', 'solutions/01_decorators/01_a.py',
      'exercises/01_decorators/02_b.py', 'exercises/01_decorators/02_b.test.ts', 'solutions/01_decorators/02_b.py',
    ]);
  });
});

describe('deriveExercise', () => {
  it.each([
    [5, 'retry', '01_decorators', '05_retry', '05'],
    [12, 'transaction', '02_disposables', '12_transaction', '12'],
    [1, 'logged', '01_decorators', '01_logged', '01'],
  ])('%i %s in %s is %s', (number, name, chapterId, id, code) => {
    expect(deriveExercise(exercise(number, name, { chapter: chapterId }))).toMatchObject({
      id,
      code,
      stubPath: `exercises/${chapterId}/${id}.py`,
      suitePath: `exercises/${chapterId}/${id}.test.ts`,
      solutionPath: `solutions/${chapterId}/${id}.py`,
      workspacePath: `${chapterId}/${id}.py`,
    });
  });
});
