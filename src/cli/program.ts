/**
 * Commander wiring: flags become an options object, and the command module is
 * imported only when that command runs, so `hint`, `list` and `--help` never
 * load Vitest, chokidar or Pyodide.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, KataError, type ExitCode } from '../core/errors.js';
import { editDistance } from '../core/refs.js';
import type { Io } from './io.js';
import { themeFor } from '../ui/theme.js';
import { describeWriteError, isFileSystemError } from '../workspace/write-problems.js';
import { parseJobsFlag } from './commands/verify-jobs.js';
import { VERIFY_WORKER_COMMAND } from './commands/verify-protocol.js';
import { RESIDENT_COMMAND } from '../core/resident-protocol.js';

const ENGINES = ['auto', 'native', 'embedded'];
const EXIT_CODES_HELP = `
Exit codes:
  0    ok
  1    tests failing, or exercises pending
  2    usage or configuration error
  70   internal error (a bug: please report it, with --debug output)
  74   progress or files could not be written (disk full, no permission, read-only)
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)`;

function engineOptions(command: Command): Command {
  return command
    .addOption(new Option('--engine <engine>', 'which Python runs your code').choices(ENGINES))
    .option('--python <path>', 'use this CPython interpreter (also: ADVPY_PYTHON)');
}

function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

export async function runCli(argv: readonly string[], io: Io): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const debug = argv.includes('--debug');
  const program = new Command('advpy-kata')
    .description('Rustlings-style exercises for advanced Python, for TypeScript and Go developers.')
    .version(await readVersion(), '-v, --version')
    .option('--debug', 'show stack traces for internal errors')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(text),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', EXIT_CODES_HELP);

  const set = (code: ExitCode): void => {
    exitCode = code;
  };

  examples(
    engineOptions(program.command('watch', { isDefault: true }).description('watch mode: re-run the current exercise on every save (the default)'))
      .option('--auto-next', 'move to the next exercise as soon as one passes')
      .option('--manual-run', 'do not watch files; press r or Enter to run')
      .option('--poll', 'poll for changes (network drives, WSL mounts)'),
    ['advpy-kata', 'advpy-kata watch --poll', 'advpy-kata watch --engine embedded'],
  ).action(async (options) => set(await (await import('./commands/watch.js')).runWatch(options, io)));

  examples(
    program
      .command('init [dir]')
      .description('create a workspace with the exercises (default folder: ./advpy-kata)')
      .option('--python <path>', 'use this interpreter: its version goes in pyrightconfig.json (the editor settings name it only when it is inside the workspace)')
      .option('--no-git', 'do not run git init')
      .option('--no-install', 'do not run npm install in the new workspace (run it later to install the pinned advpy-kata and pyright)')
      .option('--from <language>', 'the language you come from, ts or go: explanations of habits speak to it first'),
    ['npx advpy-kata init', 'npx advpy-kata init my-kata', 'npx advpy-kata init --from go'],
  ).action(async (dir: string | undefined, options) => set(await (await import('./commands/init.js')).runInit({ ...options, dir }, io)));

  examples(engineOptions(program.command('run [exercise]').description('run one exercise once (default: the current one)')).option('--timeline', 'also draw what ran when, on each thread or task (concurrency exercises)').option('--edit', 'then open the exercise at the failing line in $VISUAL, $EDITOR, or VS Code from its terminal'), [
    'advpy-kata run',
    'advpy-kata run 05',
    'advpy-kata run retry --engine embedded',
    'advpy-kata run --edit',
  ]).action(async (exercise: string | undefined, options) =>
    set(await (await import('./commands/run.js')).runRun({ ...options, exercise }, io)),
  );

  examples(
    program.command('hint [exercise]').description('show the next hint (default: the current exercise)').option('--all', 'show every hint'),
    ['advpy-kata hint', 'advpy-kata hint 07', 'advpy-kata hint retry --all'],
  ).action(async (exercise: string | undefined, options) =>
    set(await (await import('./commands/hint.js')).runHint({ ...options, exercise }, io)),
  );

  examples(program.command('list').description('list every exercise and its state').option('--json', 'machine-readable output'), [
    'advpy-kata list',
    'advpy-kata list --json',
  ]).action(async (options) => set(await (await import('./commands/list.js')).runList(options, io)));

  examples(
    program.command('reset <exercise>').description('restore an exercise to its starting point (keeps a backup)').option('-y, --yes', 'do not ask'),
    ['advpy-kata reset 05', 'advpy-kata reset retry --yes'],
  ).action(async (exercise: string, options) => set(await (await import('./commands/reset.js')).runReset({ ...options, exercise }, io)));

  examples(
    program.command('solution <exercise>').description('show the reference solution of a finished exercise').option('--force', 'show it anyway (spoiler)'),
    ['advpy-kata solution 05', 'advpy-kata solution 05 --force'],
  ).action(async (exercise: string, options) =>
    set(await (await import('./commands/solution.js')).runSolution({ ...options, exercise }, io)),
  );

  examples(
    engineOptions(program.command('verify').description('check every exercise (with --done, those finished so far); exits 0 only when they pass'))
      .option('--done', "check only the exercises you have finished, and fail if any broke (a learner's CI: green while you progress)")
      .option('--solutions', 'check the course itself: solutions pass, stubs fail, files match the manifest')
      .option(
        '--reporter <name[:file]>',
        'pretty, json (exercism results.json v3 per exercise), junit or github (annotations, and a job summary in ' +
          '$GITHUB_STEP_SUMMARY); repeat it for several reports, each to its own file; without a file a report goes to ' +
          'stdout, and only one may. Default: github under GitHub Actions, else pretty',
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      )
      .option('--jobs <n>', 'how many exercises run at once, each in its own process (also: ADVPY_VERIFY_JOBS); 1 runs them one by one. Default: one per core', parseJobsFlag),
    [
      'advpy-kata verify',
      'advpy-kata verify --done --engine embedded',
      'advpy-kata verify --reporter github --reporter junit:report.xml --reporter json:results.json',
      'advpy-kata verify --solutions --engine embedded',
      'advpy-kata verify --jobs 1',
    ],
  ).action(async (options) => set(await (await import('./commands/verify.js')).runVerify(options, io)));

  // Internal: a parallel verify forks itself to run this (verify-workers.ts); not for people.
  program.command(VERIFY_WORKER_COMMAND, { hidden: true }).action(async () => set(await (await import('./commands/verify-worker.js')).runVerifyWorker(io)));

  // Internal: the background runner a `run` starts for the next one (src/resident/); not for people.
  program.command(RESIDENT_COMMAND, { hidden: true }).action(async () => set(await (await import('../resident/server.js')).runResident(io)));

  examples(
    engineOptions(program.command('doctor').description('show which Python runs your code, and why')).option(
      '--json',
      'machine-readable: every Python found (version, capabilities, where it was found) and the engine of each exercise',
    ),
    ['advpy-kata doctor', 'advpy-kata doctor --python /usr/bin/python3.13', 'advpy-kata doctor --json'],
  ).action(async (options) => set(await (await import('./commands/doctor.js')).runDoctor(options, io)));

  const unknown = findUnknownCommand(argv, program);
  if (unknown) {
    io.stderr.write(`${themeFor(io).red(`error: unknown command '${unknown.word}'`)}${unknown.suggestion ? ` (did you mean ${unknown.suggestion}?)` : ''}\n`);
    io.stderr.write('Run `advpy-kata --help` to see every command.\n');
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/** Options that take a value: the value is not a command word. */
const VALUE_OPTIONS = new Set(['--python', '--engine', '--reporter', '--jobs']);

/**
 * `watch` is the default command, so commander would hand a mistyped command
 * ("lsit") to it as an argument and complain about "too many arguments".
 */
function findUnknownCommand(argv: readonly string[], program: Command): { word: string; suggestion?: string } | undefined {
  let word: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (VALUE_OPTIONS.has(arg)) index++;
    else if (!arg.startsWith('-')) {
      word = arg;
      break;
    }
  }
  if (word === undefined) return undefined;
  const names = [...program.commands.map((command) => command.name()), 'help'];
  if (names.includes(word)) return undefined;
  const suggestion = names
    .filter((name) => name !== VERIFY_WORKER_COMMAND && name !== RESIDENT_COMMAND)
    .map((name) => ({ name, distance: editDistance(word, name) }))
    .filter((candidate) => candidate.distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0]?.name;
  return suggestion === undefined ? { word } : { word, suggestion };
}

/** Errno codes that mean the machine refused a write, whatever command met them. */
const WRITE_REFUSALS = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS']);

function reportError(error: unknown, io: Io, debug: boolean): ExitCode {
  const theme = themeFor(io);
  if (error instanceof CommanderError) {
    // Help and --version "fail" with exit code 0; real usage errors were already printed.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof KataError) {
    io.stderr.write(`${theme.red(`error: ${error.message}`)}\n`);
    if (error.hint) io.stderr.write(`${error.hint}\n`);
    return error.exitCode;
  }
  if (isFileSystemError(error) && WRITE_REFUSALS.has(error.code ?? '')) {
    // The machine said no (a full disk, no permission): not a bug, so not exit 70.
    const { what, todo } = describeWriteError(error, error.path ?? io.cwd);
    io.stderr.write(`${theme.red(`error: could not write ${error.path ?? 'a file'}: ${what}`)}\n${todo}, then run the command again.\n`);
    return EXIT.ioError;
  }
  const shown = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${theme.red(`internal error: ${shown}`)}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write('This is a bug in advpy-kata. Re-run with --debug and report the output.\n');
  return EXIT.internal;
}

async function readVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { PACKAGE_ROOT } = await import('../package-root.js');
  return (JSON.parse(await readFile(`${PACKAGE_ROOT}/package.json`, 'utf8')) as { version: string }).version;
}
