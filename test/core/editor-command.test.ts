import { describe, expect, it } from 'vitest';
import { editorLaunch, failingLine, NO_EDITOR_ADVICE } from '../../src/core/editor-command.js';
import type { SuiteOutcome, TestReport } from '../../src/core/outcome.js';
import type { PyFrame } from '../../src/core/protocol.js';

const FILE = '/ws/exercises/01_decorators/01_logged.py';

describe('editorLaunch', () => {
  it.each([
    // [env, command, args, terminal]
    [{ EDITOR: 'vim' }, 'vim', ['+7', FILE], true],
    [{ EDITOR: '/usr/bin/nvim' }, '/usr/bin/nvim', ['+7', FILE], true],
    [{ EDITOR: 'nano' }, 'nano', ['+7', FILE], true],
    [{ EDITOR: 'emacs -nw' }, 'emacs', ['-nw', '+7', FILE], true],
    [{ EDITOR: 'micro' }, 'micro', ['+7', FILE], true],
    [{ EDITOR: 'kak' }, 'kak', ['+7', FILE], true],
    [{ EDITOR: 'hx' }, 'hx', ['+7', FILE], true],
    [{ EDITOR: 'vi' }, 'vi', ['+7', FILE], true],
    [{ EDITOR: 'code --wait' }, 'code', ['--wait', '--goto', `${FILE}:7`], false],
    [{ EDITOR: 'cursor' }, 'cursor', ['--goto', `${FILE}:7`], false],
    [{ EDITOR: 'codium' }, 'codium', ['--goto', `${FILE}:7`], false],
    [{ EDITOR: 'C:\\Tools\\Code.exe' }, 'C:\\Tools\\Code.exe', ['--goto', `${FILE}:7`], false],
    [{ EDITOR: 'subl' }, 'subl', [`${FILE}:7`], false],
    [{ EDITOR: 'zed' }, 'zed', [`${FILE}:7`], false],
    [{ EDITOR: 'gedit' }, 'gedit', [FILE], true],
    // $VISUAL wins over $EDITOR; an empty one is unset.
    [{ VISUAL: 'code', EDITOR: 'vim' }, 'code', ['--goto', `${FILE}:7`], false],
    [{ VISUAL: '  ', EDITOR: 'vim' }, 'vim', ['+7', FILE], true],
    // VS Code's own terminal, nothing set
    [{ TERM_PROGRAM: 'vscode' }, 'code', ['--goto', `${FILE}:7`], false],
    [{ EDITOR: 'nano', TERM_PROGRAM: 'vscode' }, 'nano', ['+7', FILE], true],
  ])('%j runs %s %j (terminal: %s)', (env, command, args, terminal) => {
    expect(editorLaunch(env, FILE, 7)).toMatchObject({ kind: 'launch', command, args, terminal });
  });

  it('says what to set when there is no editor', () => {
    expect(editorLaunch({ TERM_PROGRAM: 'iTerm.app' }, FILE, 7)).toEqual({ kind: 'none', advice: NO_EDITOR_ADVICE });
    expect(NO_EDITOR_ADVICE).toContain('$EDITOR');
  });

  it('shows the command as a shell would need it typed', () => {
    const launch = editorLaunch({ EDITOR: 'vim' }, '/my kata/it\'s.py', 3);
    expect(launch.kind === 'launch' && launch.shown).toBe(`vim +3 '/my kata/it'\\''s.py'`);
  });
});

describe('failingLine', () => {
  const mine = (file: string) => file.endsWith('01_logged.py');
  const frame = (file: string, line: number): PyFrame => ({ file, line, name: 'f', learner: mine(file) }) as PyFrame;
  const raised = (frames: PyFrame[]): TestReport =>
    ({ name: 't', path: [], status: 'failed', durationMs: 1, failure: { message: 'x', python: { kind: 'exception', phase: 'test', error: { type: 'ValueError', message: 'boom', frames, notes: [] } } } }) as unknown as TestReport;
  const passed = { name: 'ok', path: [], status: 'passed', durationMs: 1 } as unknown as TestReport;

  it.each<[string, SuiteOutcome | undefined, number]>([
    ['no run yet', undefined, 1],
    ['a pass', { kind: 'passed', tests: [passed], durationMs: 1 }, 1],
    ['an assertion without Python frames', { kind: 'failed', tests: [passed, { ...passed, status: 'failed', failure: { message: 'expected 1' } } as TestReport], durationMs: 1 }, 1],
    ['the innermost frame in the learner file of the first failing test', { kind: 'failed', tests: [passed, raised([frame('/t/test.py', 3), frame(FILE, 9), frame(FILE, 23)]), raised([frame(FILE, 40)])], durationMs: 1 }, 23],
    ['not a library frame', { kind: 'failed', tests: [raised([frame('/usr/lib/python3.13/json/__init__.py', 300)])], durationMs: 1 }, 1],
    ['an import failure', { kind: 'broken', failure: { message: 'x', python: { kind: 'timeout', phase: 'import', timeoutMs: 5, stuck: [{ id: '1', current: true, frames: [{ file: FILE, line: 12, name: 'spin' }] }] } }, tests: [], durationMs: 1 }, 12],
    ['an engine that cannot run it', { kind: 'unsupported', reason: 'r', fix: 'f' }, 1],
  ])('%s: line %i', (_what, outcome, line) => {
    expect(failingLine(outcome, mine)).toBe(line);
  });
});
