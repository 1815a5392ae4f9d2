/** `advpy-kata init [dir]`: create a learner workspace (stubs only: no suites, no solutions). */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, CONFIG_FORMAT_VERSION, type WorkspaceConfig } from '../../core/config.js';
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import type { Course } from '../../core/manifest.js';
import { initialState } from '../../core/state.js';
import { choosePython, type ProbedPython, type WorkingPython } from '../../core/python-choice.js';
import { discoverPythons } from '../../engine/discover.js';
import { execute } from '../../engine/processes.js';
import { readCourse } from '../../workspace/course.js';
import { userCacheDir } from '../../workspace/cache-dir.js';
import { writeState } from '../../workspace/state-file.js';
import { JUNIT_REPORT_FILE, WORKFLOW_FILE, writeWorkflow } from '../../workspace/learner-ci.js';
import { writeVscodeFiles } from '../../workspace/learner-editor.js';
import { askFromLanguage } from '../prompt.js';
import { stubText } from '../../workspace/exercise-files.js';
import { ownPins, writePackageJson, type Pins } from '../../workspace/learner-package.js';
import { npmInstall, type InstallOutcome } from '../../workspace/npm-install.js';
import { PACKAGE_ROOT } from '../../package-root.js';
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
  /** The language the learner comes from (`ts` or `go`): explanations of habits lead with it. */
  from?: string;
  /** Run `npm install` in the new workspace (`--no-install` sets false). */
  install?: boolean;
}

export async function runInit(options: InitOptions, io: Io): Promise<ExitCode> {
  const theme = themeFor(io);
  const root = resolve(io.cwd, options.dir ?? DEFAULT_WORKSPACE_DIR);
  if (options.from !== undefined && options.from !== 'ts' && options.from !== 'go') {
    throw new KataError('USAGE', `--from takes ts or go, not ${JSON.stringify(options.from)}`,
      'Say which language you come from: `advpy-kata init --from ts` or `--from go`.', EXIT.usage);
  }
  await refuseExisting(root);
  // Asked only in a terminal, and only when --from did not say: the stubs' bridge paragraphs depend on it.
  const from = options.from === 'ts' || options.from === 'go' ? options.from : await askFromLanguage(io);
  const course = await readCourse();
  const need = { minVersion: [3, 12], minVersionReason: 'PEP 695 syntax', capabilities: [] } as const;
  const gather = {
    env: io.env,
    platform: process.platform,
    home: homedir(),
    cacheDir: userCacheDir(io.env),
    enough: (pythons: readonly ProbedPython[]) => choosePython(pythons, need).chosen !== undefined,
  };
  const found = await discoverPythons(options.python === undefined ? gather : { ...gather, explicit: options.python });
  const python = choosePython(found, need).chosen;

  const pins = await ownPins();
  await createWorkspace(root, course, python, from, pins);
  const installed = options.install === false ? undefined : await npmInstall(root, io.env);
  const gitNote = options.git === false ? undefined : await initGit(root);

  const shown = displayPath(io, root);
  const lines = [
    theme.green(`${theme.glyph.pass} Created your advpy-kata workspace in ${shown}`),
    `  ${course.exercises.length} exercises in ${shown}/exercises, progress in ${shown}/.advpy-kata/state.json`,
    python
      ? `  Python: ${python.versionText} (${python.path}), its version set for pyright; VS Code picks the interpreter itself`
      : theme.yellow('  No CPython 3.12+ found: exercises will run on the embedded Python. `advpy-kata doctor` says what to install.'),
  ];
  if (from !== undefined) lines.push(`  Written for a ${from === 'ts' ? 'TypeScript' : 'Go'} developer: each exercise's bridge paragraph and the explanations of habits speak to ${from === 'ts' ? 'TypeScript' : 'Go'}`);
  if (gitNote) lines.push(`  ${gitNote}`);
  lines.push(`  CI: ${WORKFLOW_FILE} checks your finished exercises on every push to GitHub`);
  lines.push(...installLines(installed, pins).map((line) => `  ${line}`));
  const command = installed?.kind === 'installed' ? 'npx advpy-kata' : creatorCommand();
  lines.push('', 'Next:', `  cd ${shown}`, `  ${command}        # watch mode: edit the current exercise and save`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** What became of `npm install`, and what to run instead or later. */
function installLines(outcome: InstallOutcome | undefined, pins: Pins): string[] {
  const later = 'run `npm install` in the workspace';
  switch (outcome?.kind) {
    case undefined:
      return [`package.json pins advpy-kata ${pins.advpyKata} and pyright ${pins.pyright}; ${later} to install them locally`];
    case 'installed':
      return [`Installed advpy-kata ${pins.advpyKata} and pyright ${pins.pyright} locally: \`npx advpy-kata\` runs this version`];
    case 'not-on-registry':
      return [
        `npm install failed: advpy-kata ${pins.advpyKata} is not on the npm registry yet (you are running it from a clone or a tarball).`,
        `The workspace works with the advpy-kata that created it (\`${creatorCommand()}\`); once it is published, ${later}.`,
      ];
    case 'offline':
      return [`npm install could not reach the registry (${outcome.reason}): ${later} when you are online. Until then, \`${creatorCommand()}\` works.`];
    case 'no-npm':
      return [`npm was not found: install Node.js with npm, then ${later}.`];
    case 'failed':
      return [`npm install failed (${outcome.reason}): ${later} to see why. Until then, \`${creatorCommand()}\` works.`];
  }
}

/**
 * The command that runs this advpy-kata, for a workspace whose package.json pin is
 * not installed: this copy's bin, which stays put in a clone (from a tarball, npx's
 * cache holds it until npx cleans up, and `npx ./advpy-kata-<version>.tgz` works too).
 */
function creatorCommand(): string {
  return `node ${join(PACKAGE_ROOT, 'bin', 'advpy-kata.js')}`;
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

async function createWorkspace(root: string, course: Course, python: WorkingPython | undefined, from: 'ts' | 'go' | undefined, pins: Pins): Promise<void> {
  const config: WorkspaceConfig = { formatVersion: CONFIG_FORMAT_VERSION, engine: 'auto', ...(from === undefined ? {} : { from }) };
  const workspace = workspaceAt(root, 'workspace', config);
  for (const exercise of course.exercises) {
    const target = join(workspace.exercisesDir, exercise.workspacePath);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await stubText(exercise, from));
  }
  await writeJson(join(root, CONFIG_FILE), config);
  await writeState(workspace.stateFile, initialState(course.exercises));
  await writeFile(join(root, 'README.md'), renderLearnerReadme(course));
  // watch.lock names a running process on this machine: it has no meaning in a clone.
  await writeFile(join(root, '.gitignore'), `__pycache__/\n.advpy-kata/backups/\n.advpy-kata/validated.json\n.advpy-kata/watch.lock\n.venv/\nnode_modules/\n${JUNIT_REPORT_FILE}\n`);
  await writeWorkflow(root);
  await writePackageJson(root, pins);
  const pythonVersion = python ? `${python.version.major}.${python.version.minor}` : '3.12';
  await writeJson(join(root, 'pyrightconfig.json'), {
    include: ['exercises'],
    pythonVersion,
    typeCheckingMode: 'standard',
  });
  await writeVscodeFiles(root, python?.path);
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
| \`npx advpy-kata run [NN]\` | run one exercise's tests once (the first \`run\` leaves a runner in the background that makes the next ones fast; it ends after 10 idle minutes, and \`ADVPY_RESIDENT=0\` turns it off) |
| \`npx advpy-kata hint [NN]\` | the next hint (\`--all\` for every hint) |
| \`npx advpy-kata list\` | every exercise and its state |
| \`npx advpy-kata reset NN\` | start an exercise over (your version is kept in \`.advpy-kata/backups\`) |
| \`npx advpy-kata solution NN\` | the reference solution, once you have passed |
| \`npx advpy-kata verify\` | check every exercise (\`--done\`: only those you have finished) |
| \`npx advpy-kata doctor\` | which Python runs your code, and why |

Your progress lives in \`.advpy-kata/state.json\`; commit it along with your
solutions to carry it to another machine.

\`package.json\` pins the advpy-kata that made these exercises, and the pyright it
checks types with; \`npm install\` installs both here, so \`npx advpy-kata\` starts
fast and runs the same version on every machine and in CI.

## CI
Push this folder to a GitHub repository and \`${WORKFLOW_FILE}\` runs
\`npx advpy-kata verify --done\` on every push: it checks the exercises you have
finished (as recorded in \`.advpy-kata/state.json\`) and fails if one of them
broke, with an annotation at the line. Exercises you have not done yet are not
checked, so it stays green while you progress. It needs no Python: the embedded
one runs your code. To require every exercise instead (a teacher's check), remove
\`--done\` from the workflow.
`;
}
