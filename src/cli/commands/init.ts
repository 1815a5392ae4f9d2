/** `advpy-kata init [dir]`: create a learner workspace (stubs only: no suites, no solutions). */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, CONFIG_FORMAT_VERSION, type WorkspaceConfig } from '../../core/config.js';
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import type { Course } from '../../core/manifest.js';
import { initialState } from '../../core/state.js';
import { choosePython, discoverPythons, type WorkingPython } from '../../engine/discover.js';
import { execute } from '../../engine/processes.js';
import { COURSE_ROOT, readCourse } from '../../workspace/course.js';
import { writeState } from '../../workspace/state-file.js';
import { findWorkspace, workspaceAt } from '../../workspace/workspace.js';
import { displayPath } from '../context.js';
import { themeFor } from '../../ui/theme.js';
import type { Io } from '../io.js';

export const DEFAULT_WORKSPACE_DIR = 'advpy-kata';

export interface InitOptions {
  dir?: string;
  /** Interpreter to record in the editor settings instead of the one discovery finds. */
  python?: string;
  /** Skip `git init`. */
  git?: boolean;
}

export async function runInit(options: InitOptions, io: Io): Promise<ExitCode> {
  const theme = themeFor(io);
  const root = resolve(io.cwd, options.dir ?? DEFAULT_WORKSPACE_DIR);
  await refuseExisting(root);
  const course = await readCourse();
  const gather = { env: io.env, platform: process.platform, home: homedir() };
  const found = await discoverPythons(options.python === undefined ? gather : { ...gather, explicit: options.python });
  const python = choosePython(found, { minVersion: [3, 12], minVersionReason: 'PEP 695 syntax', capabilities: [] }).chosen;

  await createWorkspace(root, course, python);
  const gitNote = options.git === false ? undefined : await initGit(root);

  const shown = displayPath(io, root);
  const lines = [
    theme.green(`${theme.glyph.pass} Created your advpy-kata workspace in ${shown}`),
    `  ${course.exercises.length} exercises in ${shown}/exercises, progress in ${shown}/.advpy-kata/state.json`,
    python
      ? `  Python: ${python.versionText} (${python.path}), set for VS Code and pyright`
      : theme.yellow('  No CPython 3.12+ found: exercises will run on the embedded Python. `advpy-kata doctor` says what to install.'),
  ];
  if (gitNote) lines.push(`  ${gitNote}`);
  lines.push('', 'Next:', `  cd ${shown}`, '  npx advpy-kata        # watch mode: edit the current exercise and save');
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

async function refuseExisting(root: string): Promise<void> {
  if (existsSync(join(root, CONFIG_FILE))) {
    throw new KataError('WORKSPACE_EXISTS', `${root} is already an advpy-kata workspace; init never overwrites one`,
      `Work in it with \`cd ${root} && npx advpy-kata\`, or pick another folder: \`advpy-kata init <dir>\`.`);
  }
  const enclosing = await findWorkspace(dirname(root));
  if (enclosing?.kind === 'workspace') {
    throw new KataError('WORKSPACE_EXISTS', `${root} is inside the workspace ${enclosing.root}`,
      'Create the new workspace somewhere outside it.');
  }
  if (existsSync(root) && !statSync(root).isDirectory()) {
    throw new KataError('WORKSPACE_EXISTS', `${root} is a file, not a folder`, 'Pick a new or empty folder: `advpy-kata init <dir>`.');
  }
  if (existsSync(root) && (await readdir(root)).length > 0) {
    throw new KataError('WORKSPACE_EXISTS', `${root} exists and is not empty`,
      'Pick a new or empty folder: `advpy-kata init <dir>`.');
  }
}

async function createWorkspace(root: string, course: Course, python: WorkingPython | undefined): Promise<void> {
  const config: WorkspaceConfig = { formatVersion: CONFIG_FORMAT_VERSION, engine: 'auto' };
  const workspace = workspaceAt(root, 'workspace', config);
  for (const exercise of course.exercises) {
    const target = join(workspace.exercisesDir, exercise.workspacePath);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(COURSE_ROOT, exercise.stubPath), target);
  }
  await writeJson(join(root, CONFIG_FILE), config);
  await writeState(workspace.stateFile, initialState(course.exercises));
  await writeFile(join(root, 'README.md'), renderLearnerReadme(course));
  await writeFile(join(root, '.gitignore'), '__pycache__/\n.advpy-kata/backups/\n.advpy-kata/validated.json\n.venv/\n');
  const pythonVersion = python ? `${python.version.major}.${python.version.minor}` : '3.12';
  await writeJson(join(root, 'pyrightconfig.json'), {
    include: ['exercises'],
    pythonVersion,
    typeCheckingMode: 'standard',
  });
  const vscode: Record<string, unknown> = { 'python.analysis.typeCheckingMode': 'standard', 'files.exclude': { '**/__pycache__': true } };
  if (python) vscode['python.defaultInterpreterPath'] = python.path;
  await writeJson(join(root, '.vscode', 'settings.json'), vscode);
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** `git init`, unless git is missing or the folder is already inside a repository. */
async function initGit(root: string): Promise<string | undefined> {
  const inside = await execute('git', ['rev-parse', '--is-inside-work-tree'], { description: 'checking for a git repository', cwd: root, timeoutMs: 5000 });
  if (inside.code === null) return undefined; // git is not installed: nothing to do
  if (inside.code === 0) return 'Already inside a git repository, so no new one was created.';
  const created = await execute('git', ['init', '--quiet'], { description: 'git init', cwd: root, timeoutMs: 10_000 });
  return created.code === 0 ? 'Initialised a git repository, so you can commit your progress.' : undefined;
}

function renderLearnerReadme(course: Course): string {
  return `# My advpy-kata workspace

${course.manifest.title}.

## The loop
1. Run \`npx advpy-kata\` here. It shows the current exercise's tests.
2. Open the file it names under \`exercises/\`, read the docstring, and fill in the \`# TODO\`s.
3. Save. The tests re-run at once. When they pass, press \`n\` for the next exercise.

Stuck? \`npx advpy-kata hint\` shows the next hint for the current exercise
(\`hint 07\` for exercise 07). \`npx advpy-kata list\` shows where you are.

## Commands
| command | what it does |
| --- | --- |
| \`npx advpy-kata\` | watch mode (same as \`watch\`) |
| \`npx advpy-kata run [NN]\` | run one exercise's tests once |
| \`npx advpy-kata hint [NN]\` | the next hint (\`--all\` for every hint) |
| \`npx advpy-kata list\` | every exercise and its state |
| \`npx advpy-kata reset NN\` | start an exercise over (your version is kept in \`.advpy-kata/backups\`) |
| \`npx advpy-kata solution NN\` | the reference solution, once you have passed |
| \`npx advpy-kata verify\` | check every exercise, e.g. in CI |
| \`npx advpy-kata doctor\` | which Python runs your code, and why |

Your progress lives in \`.advpy-kata/state.json\`; commit it along with your
solutions to carry it to another machine.
`;
}
