/**
 * The VS Code task's problem matcher, applied as VS Code applies a multi-line
 * pattern (each regexp on consecutive lines) to the real output of
 * `advpy-kata run` on an exercise that raises at a known line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vscodeSettings } from '../../src/workspace/learner-editor.js';
import { testPython } from '../helpers/python.js';
import { Sandbox } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

interface Pattern { regexp: string; message?: number; file?: number; line?: number }
interface Problem { message: string; file: string; line: number }

/** Every match of the two-line pattern, as VS Code would list it in Problems. */
function match(output: string, [first, second]: Pattern[]): Problem[] {
  const lines = output.split('\n');
  const problems: Problem[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = new RegExp(first!.regexp).exec(lines[i]!);
    const frame = head && new RegExp(second!.regexp).exec(lines[i + 1]!);
    if (head && frame) problems.push({ message: head[first!.message!]!, file: frame[second!.file!]!, line: Number(frame[second!.line!]) });
  }
  return problems;
}

describe('the run task in .vscode/tasks.json', () => {
  let workspace: string;
  let output: string;
  const FILE = 'exercises/01_decorators/01_logged.py';

  beforeAll(async () => {
    const env = { ADVPY_PYTHON: await testPython(), NO_COLOR: '1' };
    workspace = await sandbox.workspace(env);
    const source = readFileSync(join(workspace, FILE), 'utf8');
    expect(source, `${FILE} no longer ends its stub with "    return fn"`).toContain('    return fn\n');
    writeFileSync(join(workspace, FILE), source.replace('    return fn\n', "    raise ValueError('boom')\n"));
    const result = await sandbox.cli(['run', '01'], workspace, env);
    expect(result.code, result.err).toBe(1);
    output = result.out;
  }, 240_000);

  it('runs advpy-kata run without colour, and its matcher turns the failure into Problems at the raising line', () => {
    const tasks = JSON.parse(readFileSync(join(workspace, '.vscode', 'tasks.json'), 'utf8'));
    const task = tasks.tasks[0];
    expect(task.command).toBe('npx advpy-kata run');
    expect(task.options.env.NO_COLOR).toBe('1');
    expect(task.problemMatcher.fileLocation).toEqual(['relative', '${workspaceFolder}']);
    const line = readFileSync(join(workspace, FILE), 'utf8').split('\n').indexOf("    raise ValueError('boom')") + 1;
    const problems = match(output, task.problemMatcher.pattern);
    expect(problems.length, `no Problems from this run output (see src/ui/render-outcome.ts, renderFrames):\n${output}`).toBeGreaterThan(0);
    expect(new Set(problems.map((problem) => JSON.stringify(problem)))).toEqual(new Set([JSON.stringify({ message: 'ValueError: boom', file: FILE, line })]));
  });

  it('matches no line of a passing or assertion-only run', () => {
    const assertionOnly = '✗ greet returns its greeting upper-cased\n   Expected: "HELLO, ADA!"\n   Received: "Hello, Ada!"\n';
    const tasks = JSON.parse(readFileSync(join(workspace, '.vscode', 'tasks.json'), 'utf8'));
    expect(match(assertionOnly, tasks.tasks[0].problemMatcher.pattern)).toEqual([]);
  });
});

describe('vscodeSettings', () => {
  it.each([
    ['/home/ada/kata', undefined, undefined],
    ['/home/ada/kata', '/usr/bin/python3.13', undefined],
    ['/home/ada/kata', '/home/ada/.pyenv/versions/3.13.1/bin/python', undefined],
    ['/home/ada/kata', '/home/ada/kata/.venv/bin/python', '${workspaceFolder}/.venv/bin/python'],
  ])('in %s, with the interpreter %s, names %s', (root, python, expected) => {
    expect(vscodeSettings(root, python)['python.defaultInterpreterPath']).toBe(expected);
  });
});
