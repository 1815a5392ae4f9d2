import { execFileSync } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { COURSE_ROOT } from '../../src/workspace/course.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { testPython } from '../helpers/python.js';
import { COURSE, IDS, Sandbox, listFiles, readStateJson } from './_workspace.js';

const sandbox = new Sandbox();
let python: string;
let pythonMinor: string;
let workspace: string;
let created: { code: number; out: string; err: string };

beforeAll(async () => {
  python = await testPython();
  pythonMinor = execFileSync(python, ['-c', 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")'], { encoding: 'utf8' }).trim();
  workspace = join(sandbox.root, 'fresh');
  created = await sandbox.cli(['init', workspace, '--no-git', '--no-install'], sandbox.root, { ADVPY_PYTHON: python });
});
afterAll(() => sandbox.remove());

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(workspace, path), 'utf8'));

describe('advpy-kata init', () => {
  it('succeeds and says where the workspace is and what to do next', () => {
    expect(created.code).toBe(0);
    expect(created.err).toBe('');
    expect(created.out).toContain('Created your advpy-kata workspace in fresh');
    expect(created.out).toContain(`${COURSE.exercises.length} exercises`);
    expect(created.out).toContain(python);
    expect(created.out).toMatch(/Next:\n\s+cd fresh/);
    expect(created.out).toContain('CI: .github/workflows/advpy-kata.yml checks your finished exercises on every push');
  });

  it('copies every stub and nothing else from the course: no suites, no solutions', () => {
    const files = listFiles(workspace);
    expect(files.filter((file) => file.startsWith('exercises/'))).toEqual(COURSE.exercises.map((exercise) => `exercises/${exercise.workspacePath}`).sort());
    expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('solutions/'))).toEqual([]);
    expect(files.filter((file) => !file.startsWith('exercises/'))).toEqual([
      '.advpy-kata/state.json',
      '.advpy-kata/validated.json',
      '.github/workflows/advpy-kata.yml',
      '.gitignore',
      '.vscode/extensions.json',
      '.vscode/settings.json',
      '.vscode/tasks.json',
      'README.md',
      'advpy-kata.json',
      'package.json',
      'pyrightconfig.json',
    ]);
  });

  it('copies the stub, not the solution', () => {
    const copy = readFileSync(join(workspace, 'exercises', '01_decorators', '01_logged.py'), 'utf8');
    expect(copy).toBe(readFileSync(join(COURSE_ROOT, 'exercises', '01_decorators', '01_logged.py'), 'utf8'));
    expect(copy).not.toBe(readFileSync(join(COURSE_ROOT, 'solutions', '01_decorators', '01_logged.py'), 'utf8'));
  });

  it('starts the progress file at the first exercise with everything pending', () => {
    const state = readStateJson(workspace);
    expect(state.formatVersion).toBe(2);
    expect(state.current).toBe(IDS[0]);
    expect(Object.keys(state.exercises)).toEqual(IDS);
    expect(Object.values(state.exercises).every((progress) => progress.status === 'pending')).toBe(true);
  });

  it.each([
    ['advpy-kata.json', { formatVersion: 1, engine: 'auto' }],
    ['.vscode/extensions.json', { recommendations: expect.arrayContaining(['ms-python.python']) }],
    ['pyrightconfig.json', { include: ['exercises'], pythonVersion: '<minor>' }],
  ])('writes %s', (path, expected) => {
    const filled = path === 'pyrightconfig.json' ? { ...expected, pythonVersion: pythonMinor } : expected;
    expect(readJson(path)).toMatchObject(filled);
  });

  it.each([
    ['.gitignore', '.advpy-kata/backups/'],
    ['.gitignore', '__pycache__/'],
    ['.gitignore', '.advpy-kata/validated.json'],
    ['.gitignore', '.advpy-kata/watch.lock'],
    ['.gitignore', 'advpy-kata-report.xml'],
    ['README.md', 'npx advpy-kata hint'],
    ['README.md', 'npx advpy-kata verify --done'],
    ['README.md', '.advpy-kata/state.json'],
    ['README.md', 'npm install'],
    ['.gitignore', 'node_modules/'],
  ])('%s mentions %s', (path, text) => {
    expect(readFileSync(join(workspace, path), 'utf8')).toContain(text);
  });

  it('writes a private package.json pinning this exact advpy-kata and its pyright, with watch and verify scripts', () => {
    const own = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
    expect(readJson('package.json'), 'the workspace package.json (src/workspace/learner-package.ts)').toEqual({
      name: 'fresh',
      private: true,
      description: expect.any(String),
      scripts: { watch: 'advpy-kata watch', verify: 'advpy-kata verify' },
      devDependencies: { 'advpy-kata': own.version, pyright: own.dependencies['pyright'] },
    });
    expect(own.version, 'a pin must be an exact version, not a range').toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('with --no-install, says what to run to install the pins', () => {
    expect(created.out).toMatch(/package\.json pins advpy-kata \S+ and pyright \S+; run `npm install` in the workspace/);
  });

  it("commits no path of this machine's in the editor settings: the interpreter is left to the editor", () => {
    for (const file of ['settings.json', 'extensions.json', 'tasks.json']) {
      const text = readFileSync(join(workspace, '.vscode', file), 'utf8');
      expect(text, `.vscode/${file} names this machine's Python`).not.toContain(python);
      expect(text, `.vscode/${file} names this machine's folders`).not.toContain(sandbox.root);
    }
    expect(readJson('.vscode/settings.json')).not.toHaveProperty(['python.defaultInterpreterPath']);
  });

  it('runs no git init with --no-git', () => {
    expect(existsSync(join(workspace, '.git'))).toBe(false);
  });
});

describe('advpy-kata init refuses', () => {
  it('an existing workspace, and leaves it alone', async () => {
    const progress = readFileSync(join(workspace, '.advpy-kata', 'state.json'), 'utf8').replace('"hintsShown": 0', '"hintsShown": 1');
    writeFileSync(join(workspace, '.advpy-kata', 'state.json'), progress);
    const result = await sandbox.cli(['init', workspace, '--no-git', '--no-install'], sandbox.root, { ADVPY_PYTHON: python });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/error: .*fresh is already an advpy-kata workspace; init never overwrites one/);
    expect(result.err).toContain(`cd ${workspace} && npx advpy-kata`);
    expect(result.out).toBe('');
    expect(readFileSync(join(workspace, '.advpy-kata', 'state.json'), 'utf8')).toBe(progress);
  });

  it('a folder that is not empty, and creates nothing in it', async () => {
    const busy = sandbox.dir('busy');
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const result = await sandbox.cli(['init', 'busy', '--no-git', '--no-install'], sandbox.root, { ADVPY_PYTHON: python });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/busy exists and is not empty/);
    expect(result.err).toContain('Pick a new or empty folder: `advpy-kata init <dir>`');
    expect(listFiles(busy)).toEqual(['notes.txt']);
  });

  it('a path that is a file, as a usage error', async () => {
    writeFileSync(join(sandbox.root, 'a-file'), 'mine');
    const result = await sandbox.cli(['init', 'a-file', '--no-git', '--no-install'], sandbox.root, { ADVPY_PYTHON: python });
    expect(result.err).not.toContain('internal error');
    expect(result.code).toBe(2);
    expect(readFileSync(join(sandbox.root, 'a-file'), 'utf8')).toBe('mine');
  });

  it('a --from that is neither ts nor go, creating nothing', async () => {
    const result = await sandbox.cli(['init', 'polyglot', '--no-git', '--from', 'rust'], sandbox.root, { ADVPY_PYTHON: python });
    expect(result.code).toBe(2);
    expect(result.err).toContain('--from takes ts or go, not "rust"');
    expect(existsSync(join(sandbox.root, 'polyglot'))).toBe(false);
  });

  it('a folder inside a workspace', async () => {
    const result = await sandbox.cli(['init', 'inner', '--no-git', '--no-install'], join(workspace, 'exercises'), { ADVPY_PYTHON: python });
    expect(result.code).toBe(2);
    expect(result.err).toContain(`is inside the workspace ${workspace}`);
    expect(existsSync(join(workspace, 'exercises', 'inner'))).toBe(false);
  });
});

describe('advpy-kata init accepts', () => {
  it('an empty folder that already exists', async () => {
    const empty = sandbox.dir('empty');
    expect((await sandbox.cli(['init', empty, '--no-git', '--no-install'], sandbox.root, { ADVPY_PYTHON: python })).code).toBe(0);
    expect(existsSync(join(empty, 'advpy-kata.json'))).toBe(true);
  });

  it('--from go, recorded in advpy-kata.json so explanations speak to a Go developer first', async () => {
    const gopher = join(sandbox.root, 'gopher');
    expect((await sandbox.cli(['init', gopher, '--no-git', '--from', 'go', '--no-install'], sandbox.root, { ADVPY_PYTHON: python })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(gopher, 'advpy-kata.json'), 'utf8'))).toMatchObject({ from: 'go' });
    // The stubs' bridge paragraphs speak to a Go developer, and `reset` keeps it that way.
    const stub = join(gopher, 'exercises', '01_decorators', '01_logged.py');
    const written = readFileSync(stub, 'utf8');
    expect(written).toContain('\nYou know this from Go');
    expect(written).not.toContain('You know this from TypeScript');
    writeFileSync(stub, 'print("mine")\n');
    expect((await sandbox.cli(['reset', '01', '--yes'], gopher)).code).toBe(0);
    expect(readFileSync(stub, 'utf8')).toBe(written);
  });

  it.each([
    ['t', 'TypeScript'],
    ['g', 'Go'],
  ])('on a terminal with no --from, asks which language; answering %j writes %s paragraphs', async (answer, language) => {
    const target = join(sandbox.root, `asked-${answer}`);
    const io = sandbox.io(sandbox.root, { ADVPY_PYTHON: python });
    io.stdin.isTTY = true;
    io.stdin.resume = () => queueMicrotask(() => (io.stdin as unknown as EventEmitter).emit('data', `${answer}\n`));
    expect(await runCli(['init', target, '--no-git', '--no-install'], io)).toBe(0);
    expect(io.out()).toContain('Which language do you come from? t = TypeScript, g = Go, Enter = both:');
    expect(io.out()).toContain(`Written for a ${language} developer`);
    expect(JSON.parse(readFileSync(join(target, 'advpy-kata.json'), 'utf8'))).toMatchObject({ from: answer === 't' ? 'ts' : 'go' });
    expect(readFileSync(join(target, 'exercises', '04_protocols', '22_sequence.py'), 'utf8')).toContain(`\nYou know this from ${language} as`);
  });

  it('no --from: the stubs keep the paragraph that speaks to both languages', async () => {
    const both = join(sandbox.root, 'both');
    expect((await sandbox.cli(['init', both, '--no-git', '--no-install'], sandbox.root, { ADVPY_PYTHON: python })).code).toBe(0);
    const stub = readFileSync(join(both, 'exercises', '01_decorators', '01_logged.py'), 'utf8');
    expect(stub).toBe(readFileSync(join(PACKAGE_ROOT, 'exercises', '01_decorators', '01_logged.py'), 'utf8'));
  });

  it('no folder, creating ./advpy-kata', async () => {
    const parent = sandbox.dir('parent');
    const result = await sandbox.cli(['init', '--no-git', '--no-install'], parent, { ADVPY_PYTHON: python });
    expect(result.code).toBe(0);
    expect(existsSync(join(parent, 'advpy-kata', 'advpy-kata.json'))).toBe(true);
  });
});

describe('advpy-kata init and npm install', () => {
  // A registry nobody listens on: npm fails at once with ECONNREFUSED, as offline.
  it('offline, finishes with exit 0 and says to run npm install later', async () => {
    const started = Date.now();
    const result = await sandbox.cli(['init', 'offline', '--no-git'], sandbox.root, {
      ADVPY_PYTHON: python,
      PATH: process.env['PATH'],
      HOME: sandbox.root,
      npm_config_registry: 'http://127.0.0.1:9',
      npm_config_fetch_retries: '0',
      npm_config_cache: join(sandbox.root, 'npm-cache'),
      npm_config_update_notifier: 'false',
    });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('npm install could not reach the registry (ECONNREFUSED): run `npm install` in the workspace when you are online');
    expect(result.out).toMatch(/Next:\n\s+cd offline\n\s+node \S+bin\/advpy-kata\.js/);
    expect(existsSync(join(sandbox.root, 'offline', 'package.json'))).toBe(true);
    expect(Date.now() - started, 'an offline install must fail fast, not wait for a timeout').toBeLessThan(30_000);
  }, 60_000);
});
