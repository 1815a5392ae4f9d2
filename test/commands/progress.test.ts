import type { EventEmitter } from 'node:events';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { COURSE_ROOT } from '../../src/workspace/course.js';
import { parseStateText } from '../../src/workspace/state-file.js';
import { COURSE, IDS, Sandbox, readStateJson, stateFile, writeProgress } from './_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

const LOGGED = COURSE.exercises[0]!;
const learnerFile = (workspace: string): string => join(workspace, 'exercises', LOGGED.workspacePath);
const stub = (): string => readFileSync(join(COURSE_ROOT, LOGGED.stubPath), 'utf8');
const solution = (): string => readFileSync(join(COURSE_ROOT, LOGGED.solutionPath), 'utf8');

interface Row {
  number: number;
  name: string;
  chapter: string;
  path: string;
  state: string;
  requires: { python: string; capabilities: string[] };
}
async function listJson(workspace: string): Promise<Row[]> {
  const result = await sandbox.cli(['list', '--json'], workspace);
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as Row[];
}

describe('finding the workspace', () => {
  it.each([[['list']], [['hint']], [['hint', '01']], [['reset', '01', '--yes']], [['solution', '01']], [['run']], [['verify']]])(
    '%j outside any workspace fails with exit 2 and says how to make one',
    async (args) => {
      const result = await sandbox.cli(args, sandbox.outside);
      expect(result.code).toBe(2);
      expect(result.err).toContain(`no advpy-kata workspace here (${sandbox.outside}) or above`);
      expect(result.err).toContain('advpy-kata init');
      expect(result.out).toBe('');
    },
  );

  it('works from a subfolder of the workspace, showing paths from there', async () => {
    const workspace = await sandbox.workspace();
    const chapter = join(workspace, 'exercises', LOGGED.chapter);
    const rows = (await sandbox.cli(['list', '--json'], chapter)).out;
    expect((JSON.parse(rows) as Row[])[0]?.path).toBe(`${LOGGED.id}.py`);
    expect((await sandbox.cli(['hint'], chapter)).code).toBe(0);
    expect(readStateJson(workspace).exercises[LOGGED.id]?.hintsShown).toBe(1);
    expect(existsSync(join(chapter, '.advpy-kata'))).toBe(false);
  });
});

describe('a broken advpy-kata.json', () => {
  it.each([
    ['invalid JSON', '{"formatVersion": 1,', /advpy-kata\.json is not valid JSON: /, 'Fix the file, or replace it with {"formatVersion": 1}.'],
    ['an unknown engine', '{"formatVersion": 1, "engine": "fast"}', /advpy-kata\.json is invalid:\n {2}engine: /, 'Fix the fields named above.'],
    ['a future format', '{"formatVersion": 2}', /advpy-kata\.json is invalid:\n {2}formatVersion: /, 'Fix the fields named above.'],
  ])('with %s stops commands with exit 2 and names the problem', async (_, config, message, hint) => {
    const workspace = await sandbox.workspace();
    writeFileSync(join(workspace, 'advpy-kata.json'), config);
    const result = await sandbox.cli(['list'], join(workspace, 'exercises'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toContain(hint);
    expect(result.out).toBe('');
  });
});

describe('advpy-kata hint', () => {
  const total = LOGGED.hints.length;

  it('shows the next hint each time, remembers how far it got, and stops at the last', async () => {
    const workspace = await sandbox.workspace();
    for (let shown = 1; shown <= total + 1; shown++) {
      const index = Math.min(shown, total) - 1;
      const result = await sandbox.cli(shown === 1 ? ['hint'] : ['hint', '01'], workspace);
      expect(result.code).toBe(0);
      expect(result.out).toContain(`Hint ${index + 1}/${total} for ${LOGGED.id}:\n${LOGGED.hints[index]}\n`);
      expect(result.out).toContain(index + 1 < total ? 'Run `advpy-kata hint 01` again for the next hint.' : 'That was the last hint.');
      LOGGED.hints.filter((_, other) => other !== index).forEach((hint) => expect(result.out).not.toContain(hint));
      expect(readStateJson(workspace).exercises[LOGGED.id]?.hintsShown).toBe(Math.min(shown, total));
    }
  });

  it('--all shows every hint without moving the counter', async () => {
    const workspace = await sandbox.workspace();
    const result = await sandbox.cli(['hint', '--all'], workspace);
    expect(result.code).toBe(0);
    LOGGED.hints.forEach((hint, index) => expect(result.out).toContain(`Hint ${index + 1}/${total} for ${LOGGED.id}:\n${hint}`));
    expect(readStateJson(workspace).exercises[LOGGED.id]?.hintsShown).toBe(0);
  });

  it.each([
    ['99', /^there is no exercise "99"\.$/],
    ['retyr', /^there is no exercise "retyr"\. Did you mean 05_retry\?$/],
    ['01_loged', /^there is no exercise "01_loged"\. Did you mean 01_logged[,?]/],
  ])('hint %s fails with exit 2, suggestions and where to look', async (ref, message) => {
    const workspace = await sandbox.workspace();
    const before = readFileSync(stateFile(workspace), 'utf8');
    const result = await sandbox.cli(['hint', ref], workspace);
    expect(result.code).toBe(2);
    const [first, second, ...rest] = result.err.split('\n');
    expect(first?.replace(/^error: /, '')).toMatch(message);
    expect([second, ...rest]).toEqual(['Run `advpy-kata list` to see every exercise.', '']);
    expect(result.out).toBe('');
    expect(readFileSync(stateFile(workspace), 'utf8')).toBe(before);
  });
});

describe('advpy-kata list', () => {
  it.each([
    ['a fresh workspace', [], IDS[0], [new RegExp(`^01\\s+${LOGGED.chapter}\\s+logged\\s+→ current\\s`)], ['locked'], `0/${IDS.length} done`],
    ['after the first exercise', [IDS[0]], IDS[1], ['✓ done', '→ current', 'locked'], [], `1/${IDS.length} done`],
    ['with ASCII glyphs', [IDS[0]], IDS[1], ['v done', '-> current'], [], `1/${IDS.length} done`],
  ])('shows a table for %s', async (label, done, current, first3, rest, summary) => {
    const workspace = await sandbox.workspace();
    writeProgress(workspace, done as string[], current as string);
    const result = await sandbox.cli(['list'], workspace, label === 'with ASCII glyphs' ? { ADVPY_ASCII: '1' } : {});
    expect(result.code).toBe(0);
    const lines = result.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#\s+chapter\s+name\s+state\s+path$/);
    const rows = lines.slice(1, 1 + IDS.length);
    expect(rows.map((row) => row.slice(0, 2))).toEqual(COURSE.exercises.map((exercise) => exercise.code));
    expect(rows[0]).toMatch(new RegExp(`exercises/${LOGGED.workspacePath}$`));
    first3.forEach((text, index) => expect(rows[index]).toMatch(text));
    rest.forEach((text) => expect(rows.slice(1).every((row) => row.includes(text))).toBe(true));
    expect(lines.at(-1)).toBe(summary);
  });

  it('--json gives number, name, chapter, path, state and requires for every exercise', async () => {
    const workspace = await sandbox.workspace();
    writeProgress(workspace, [IDS[0]!], IDS[1]!);
    const rows = await listJson(workspace);
    expect(rows).toHaveLength(IDS.length);
    expect(rows[0]).toEqual({
      number: 1,
      name: 'logged',
      chapter: LOGGED.chapter,
      path: `exercises/${LOGGED.workspacePath}`,
      state: 'done',
      requires: LOGGED.requires,
    });
    expect(rows.map((row) => Object.keys(row).sort().join())).toEqual(IDS.map(() => 'chapter,name,number,path,requires,state'));
    expect(rows.map((row) => row.state)).toEqual(['done', 'current', ...IDS.slice(2).map(() => 'locked')]);
  });
});

describe('advpy-kata reset', () => {
  async function solvedWorkspace(): Promise<string> {
    const workspace = await sandbox.workspace();
    writeFileSync(learnerFile(workspace), 'my attempt\n');
    writeProgress(workspace, [IDS[0]!], IDS[1]!);
    return workspace;
  }

  it('--yes restores the stub and keeps a backup, but leaves progress alone and says so', async () => {
    const workspace = await solvedWorkspace();
    const result = await sandbox.cli(['reset', '01', '--yes'], workspace);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${LOGGED.id} is back to its starting point. Your progress is unchanged: ${LOGGED.id} stays done, and ${IDS[1]} stays your current exercise.`);
    expect(result.out).toMatch(new RegExp(`Your previous version is saved as \\.advpy-kata/backups/${LOGGED.id}\\..+\\.py`));
    expect(readFileSync(learnerFile(workspace), 'utf8')).toBe(stub());
    const backups = readdirSync(join(workspace, '.advpy-kata', 'backups'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(workspace, '.advpy-kata', 'backups', backups[0]!), 'utf8')).toBe('my attempt\n');
    const state = readStateJson(workspace);
    expect(state.current).toBe(IDS[1]);
    expect(state.exercises[LOGGED.id]?.status).toBe('done');
    expect((await listJson(workspace)).map((row) => row.state).slice(0, 2)).toEqual(['done', 'current']);
  });

  it('restores a deleted file, with no backup to keep', async () => {
    const workspace = await sandbox.workspace();
    rmSync(learnerFile(workspace));
    const result = await sandbox.cli(['reset', 'logged', '--yes'], workspace);
    expect(result.code).toBe(0);
    expect(result.out).not.toContain('previous version');
    expect(readFileSync(learnerFile(workspace), 'utf8')).toBe(stub());
    expect(existsSync(join(workspace, '.advpy-kata', 'backups'))).toBe(false);
  });

  it('restores a file whose chapter folder was deleted', async () => {
    const workspace = await sandbox.workspace();
    rmSync(join(workspace, 'exercises', LOGGED.chapter), { recursive: true });
    const result = await sandbox.cli(['reset', '01', '--yes'], workspace);
    expect(result.err).not.toContain('internal error');
    expect(result.code).toBe(0);
    expect(readFileSync(learnerFile(workspace), 'utf8')).toBe(stub());
  });

  it('without a terminal to confirm on, refuses and names --yes', async () => {
    const workspace = await solvedWorkspace();
    const result = await sandbox.cli(['reset', '01'], workspace);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`not resetting ${LOGGED.id}: there is no terminal to confirm on`);
    expect(result.err).toContain('`advpy-kata reset 01 --yes`');
    expect(readFileSync(learnerFile(workspace), 'utf8')).toBe('my attempt\n');
    expect(readStateJson(workspace).exercises[LOGGED.id]?.status).toBe('done');
  });

  it.each([
    ['n', 'my attempt\n', 'done'],
    ['', 'my attempt\n', 'done'],
    ['yes', '<stub>', 'done'],
  ])('asks on a terminal, saying what stays; answering %j leaves %j', async (answer, content, status) => {
    const workspace = await solvedWorkspace();
    const io = sandbox.io(workspace);
    io.stdin.isTTY = true;
    io.stdin.resume = () => queueMicrotask(() => (io.stdin as unknown as EventEmitter).emit('data', `${answer}\n`));
    expect(await runCli(['reset', '01'], io)).toBe(0);
    expect(io.out()).toContain(
      `with a fresh copy? Your version is kept as a backup. Your progress is unchanged: ${LOGGED.id} stays done, and ${IDS[1]} stays your current exercise. [y/N]`,
    );
    expect(readFileSync(learnerFile(workspace), 'utf8')).toBe(content === '<stub>' ? stub() : content);
    expect(readStateJson(workspace).exercises[LOGGED.id]?.status).toBe(status);
  });
});

describe('advpy-kata solution', () => {
  it('is refused before the exercise is done, without leaking it', async () => {
    const workspace = await sandbox.workspace();
    const result = await sandbox.cli(['solution', '01'], workspace);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${LOGGED.id} is not done yet, so its solution stays hidden`);
    expect(result.err).toContain('`advpy-kata hint 01`');
    expect(result.err).toContain('`advpy-kata solution 01 --force`');
    expect(result.out).toBe('');
  });

  it('is shown with --force, after a spoiler warning', async () => {
    const workspace = await sandbox.workspace();
    const result = await sandbox.cli(['solution', '01', '--force'], workspace);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`Spoiler warning: this is the full solution to ${LOGGED.id}`);
    expect(result.out).toContain(solution());
  });

  it('is shown without a warning once the exercise is done', async () => {
    const workspace = await sandbox.workspace();
    writeProgress(workspace, [IDS[0]!], IDS[1]!);
    const result = await sandbox.cli(['solution', 'logged'], workspace);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toContain(solution());
  });
});

describe('a damaged progress file', () => {
  const valid = { status: 'done', hintsShown: 1, attempts: 0 };
  it.each([
    ['invalid JSON', '{"formatVersion": 1, "current": "01_lo', 'not JSON: ', 0, ['current', 'locked']],
    ['a bad field', JSON.stringify({ formatVersion: 1, current: IDS[1], exercises: { [IDS[0]!]: valid, [IDS[1]!]: { status: 'finished' } } }), `exercises.${IDS[1]}.status: `, 1, ['done', 'current']],
  ])('with %s is kept as a backup, rebuilt, and salvaged', async (_, damaged, problem, recovered, states) => {
    const workspace = await sandbox.workspace();
    writeFileSync(stateFile(workspace), damaged);
    const result = await sandbox.cli(['list', '--json'], workspace);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`Your progress file ${stateFile(workspace)} was damaged (${problem}`);
    expect(result.err).toContain(`${recovered} finished exercise(s) were recovered from it`);
    const backups = readdirSync(join(workspace, '.advpy-kata')).filter((name) => name.startsWith('state.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(result.err).toContain(join(workspace, '.advpy-kata', backups[0]!));
    expect(readFileSync(join(workspace, '.advpy-kata', backups[0]!), 'utf8')).toBe(damaged);
    expect((await parseStateText(readFileSync(stateFile(workspace), 'utf8'))).ok).toBe(true);
    expect((JSON.parse(result.out) as Row[]).map((row) => row.state).slice(0, states.length)).toEqual(states);
    const again = await sandbox.cli(['list', '--json'], workspace);
    expect(again.err).toBe('');
    expect(again.out).toBe(result.out);
  });

  it('from a newer advpy-kata is read as far as possible, never rewritten, and writes are refused', async () => {
    const workspace = await sandbox.workspace();
    const newer = JSON.stringify({ formatVersion: 9, current: IDS[2], exercises: { [IDS[0]!]: valid, [IDS[1]!]: valid }, future: true });
    writeFileSync(stateFile(workspace), newer);
    const listed = await sandbox.cli(['list', '--json'], workspace);
    expect(listed.code).toBe(0);
    expect(listed.err).toContain('written by a newer advpy-kata (state format 9)');
    expect((JSON.parse(listed.out) as Row[]).map((row) => row.state).slice(0, 3)).toEqual(['done', 'done', 'current']);
    const hinted = await sandbox.cli(['hint', '01'], workspace);
    expect(hinted.code).toBe(2);
    expect(hinted.err).toContain('this version knows 2), so this version will not change it');
    expect(hinted.err).toContain('npm install advpy-kata@latest');
    expect(readFileSync(stateFile(workspace), 'utf8')).toBe(newer);
    expect(readdirSync(join(workspace, '.advpy-kata')).filter((name) => name.includes('corrupt') || name.endsWith('.tmp'))).toEqual([]);
  });

  it('does not count exercises the course no longer has as recovered', async () => {
    const workspace = await sandbox.workspace();
    writeFileSync(stateFile(workspace), JSON.stringify({ formatVersion: 1, current: IDS[0], exercises: { '99_gone': valid, [IDS[0]!]: { status: 'bad' } } }));
    const result = await sandbox.cli(['list', '--json'], workspace);
    expect((JSON.parse(result.out) as Row[]).filter((row) => row.state === 'done')).toEqual([]);
    expect(result.err).toContain('0 finished exercise(s) were recovered');
  });
});
