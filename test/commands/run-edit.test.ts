/** `run --edit`: the exercise opens at the line that raised, in the editor $EDITOR names. */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPython } from '../helpers/python.js';
import { Sandbox } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

const FILE = join('exercises', '01_decorators', '01_logged.py');
let workspace: string;
let env: NodeJS.ProcessEnv;
let raisingLine: number;

beforeAll(async () => {
  env = { ADVPY_PYTHON: await testPython(), NO_COLOR: '1' };
  workspace = await sandbox.workspace(env);
  const source = readFileSync(join(workspace, FILE), 'utf8');
  expect(source, `${FILE} no longer ends its stub with "    return fn"`).toContain('    return fn\n');
  const raising = source.replace('    return fn\n', "    raise ValueError('boom')\n");
  writeFileSync(join(workspace, FILE), raising);
  raisingLine = raising.split('\n').indexOf("    raise ValueError('boom')") + 1;
}, 240_000);

describe('advpy-kata run --edit', () => {
  it('opens a +LINE editor at the line that raised, and still reports the failure', async () => {
    // A stand-in for vim: it records how it was called.
    const bin = sandbox.dir('editor-bin');
    const calls = join(bin, 'calls.txt');
    writeFileSync(join(bin, 'vim'), `#!/bin/sh\necho "$@" > "${calls}"\n`);
    chmodSync(join(bin, 'vim'), 0o755);
    const result = await sandbox.cli(['run', '01', '--edit'], workspace, { ...env, EDITOR: join(bin, 'vim') });
    expect(result.code, result.err).toBe(1);
    expect(result.out).toContain('ValueError: boom');
    expect(readFileSync(calls, 'utf8').trim(), 'the arguments the editor got').toBe(`+${raisingLine} ${join(workspace, FILE)}`);
  }, 240_000);

  it('with no editor set, says what to set', async () => {
    // Cleared: Vitest sets EDITOR=vi, which would really open vim and wait.
    const result = await sandbox.cli(['run', '01', '--edit'], workspace, { ...env, VISUAL: '', EDITOR: '', TERM_PROGRAM: '' });
    expect(result.code).toBe(1);
    expect(result.err).toContain('set $VISUAL or $EDITOR');
  }, 240_000);
});
