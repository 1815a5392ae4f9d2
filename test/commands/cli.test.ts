/** The command line itself: help, usage errors, and colour. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wantsColor } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { ANSI, Sandbox } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

const COMMANDS = ['watch', 'init', 'run', 'hint', 'list', 'reset', 'solution', 'verify', 'doctor'];

describe('--help', () => {
  it.each(COMMANDS)('%s --help exits 0 with usage and examples', async (command) => {
    const result = await sandbox.cli([command, '--help'], sandbox.outside);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^Usage: advpy-kata ${command}\\b`));
    expect(result.out).toMatch(/\nExamples:\n {2}\$ (npx )?advpy-kata/);
    expect(result.err).toBe('');
  });

  it('the top-level help lists every command and the exit codes', async () => {
    const result = await sandbox.cli(['--help'], sandbox.outside);
    expect(result.code).toBe(0);
    COMMANDS.forEach((command) => expect(result.out).toMatch(new RegExp(`^ {2}${command}\\b`, 'm')));
    expect(result.out).toContain('Exit codes:\n  0    ok\n  1    tests failing');
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await sandbox.cli(['--version'], sandbox.outside)).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['frobnicate'], /error: /],
    [['list', '--bogus'], /error: unknown option '--bogus'/],
    [['verify', '--reporter', 'xml'], /error: unknown reporter "xml"\nUse one of: pretty, json, junit, github/],
    [['verify', '--reporter', 'json', '--reporter', 'junit'], /would all write to stdout, and only one reporter can\nGive the others a file/],
    [['verify', '--done', '--solutions'], /--done and --solutions cannot be combined/],
    [['run', '--engine', 'jython'], /argument 'jython' is invalid\. Allowed choices are auto, native, embedded/],
    [['reset'], /error: missing required argument 'exercise'/],
    [['hint', '01', '02'], /error: too many arguments for 'hint'/],
  ])('%j', async (args, message) => {
    const result = await sandbox.cli(args, sandbox.outside);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('an unknown command is named as one', async () => {
    const result = await sandbox.cli(['lsit'], sandbox.outside);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/unknown command 'lsit'/);
  });
});

describe('colour', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await sandbox.workspace();
  });

  it.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }, false],
    ['FORCE_COLOR=1', { NO_COLOR: undefined, FORCE_COLOR: '1' }, true],
    ['NO_COLOR=1 with FORCE_COLOR=1', { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['FORCE_COLOR=0', { NO_COLOR: undefined, FORCE_COLOR: '0' }, false],
  ])('with %s, ANSI escapes in list and in errors: %s', async (_, env, coloured) => {
    const list = sandbox.io(workspace, env);
    list.color = wantsColor(list.env, list.stdout);
    expect(await runCli(['list'], list)).toBe(0);
    expect(ANSI.test(list.out())).toBe(coloured);
    const error = sandbox.io(workspace, env);
    error.color = wantsColor(error.env, error.stderr);
    expect(await runCli(['hint', '99'], error)).toBe(2);
    expect(ANSI.test(error.err())).toBe(coloured);
  });
});
