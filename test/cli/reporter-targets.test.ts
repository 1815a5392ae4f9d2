import { describe, expect, it } from 'vitest';
import { KataError } from '../../src/core/errors.js';
import { parseReporterTargets } from '../../src/cli/reporter-targets.js';

const CWD = '/work/ws';
const parse = (values: string[], env: NodeJS.ProcessEnv = {}) => parseReporterTargets(values, env, CWD);

describe('parseReporterTargets', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['nowhere in particular', {}, 'pretty'],
    ['GitHub Actions', { GITHUB_ACTIONS: 'true' }, 'github'],
    ['a GITHUB_ACTIONS that is not "true"', { GITHUB_ACTIONS: 'false' }, 'pretty'],
  ])('with no --reporter, picks the one for %s', (_, env, reporter) => {
    expect(parse([], env)).toEqual([{ reporter }]);
  });

  it('a named reporter wins over GitHub Actions', () => {
    expect(parse(['json'], { GITHUB_ACTIONS: 'true' })).toEqual([{ reporter: 'json' }]);
  });

  it('sends each reporter to its own file, resolved from the working directory, and one to stdout', () => {
    expect(parse(['github', 'junit:report.xml', 'json:/tmp/results.json'])).toEqual([
      { reporter: 'github' },
      { reporter: 'junit', file: '/work/ws/report.xml', shown: 'report.xml' },
      { reporter: 'json', file: '/tmp/results.json', shown: '/tmp/results.json' },
    ]);
  });

  it('shows the run on stdout (pretty) when every report goes to a file', () => {
    expect(parse(['junit:r.xml'])).toEqual([{ reporter: 'pretty' }, { reporter: 'junit', file: '/work/ws/r.xml', shown: 'r.xml' }]);
  });

  it('keeps a Windows drive letter in the file name', () => {
    expect(parse(['junit:C:\\reports\\x.xml'])[1]).toMatchObject({ reporter: 'junit', shown: 'C:\\reports\\x.xml' });
  });

  it.each([
    [['json', 'junit'], /--reporter json and --reporter junit would all write to stdout, and only one reporter can/],
    [['pretty', 'github'], /would all write to stdout/],
    [['junit:r.xml', 'json:r.xml'], /--reporter junit and --reporter json both write to r\.xml/],
    [['junit:r.xml', 'json:./r.xml'], /both write to/],
    [['xml'], /unknown reporter "xml"/],
    [['junit:'], /--reporter junit: names no file/],
    [['github:log.txt'], /--reporter github takes no file: GitHub reads its annotations from the log/],
  ])('refuses %j, saying why', (values, message) => {
    let thrown: unknown;
    try {
      parse(values);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, `parseReporterTargets(${JSON.stringify(values)}) should throw a usage error`).toBeInstanceOf(KataError);
    expect((thrown as KataError).message).toMatch(message);
    expect((thrown as KataError).exitCode).toBe(2);
    expect((thrown as KataError).hint).toMatch(/--reporter|Use one of/);
  });
});
