/**
 * Which command opens a file at a line in the learner's editor, and where the
 * failing line is. Pure: the spawning is in src/cli/open-editor.ts.
 */
import { learnerFrames, stuckLocation, type PythonFailure } from './failures.js';
import type { SuiteOutcome } from './outcome.js';

export interface EditorEnv {
  VISUAL?: string | undefined;
  EDITOR?: string | undefined;
  TERM_PROGRAM?: string | undefined;
}

export type EditorLaunch =
  | {
      kind: 'launch';
      command: string;
      args: string[];
      /** It takes over the terminal (vi, nano, ...), so it cannot run beside a raw-mode watch screen. */
      terminal: boolean;
      /** The command line to show, as a learner would type it. */
      shown: string;
    }
  | { kind: 'none'; advice: string };

/** Editors that read `+LINE file`. */
const PLUS_LINE = new Set(['vi', 'vim', 'nvim', 'nano', 'emacs', 'emacsclient', 'micro', 'kak', 'hx', 'helix']);
/** VS Code and its forks: `--goto file:line`. */
const GOTO = new Set(['code', 'code-insiders', 'cursor', 'codium', 'vscodium', 'windsurf']);
/** GUI editors that read `file:line`. */
const COLON_LINE = new Set(['subl', 'zed']);

export const NO_EDITOR_ADVICE =
  'No editor is set: set $VISUAL or $EDITOR (for example `export EDITOR=nvim`, or `export VISUAL="code"`), or run this from VS Code\'s terminal.';

/**
 * `$VISUAL`, else `$EDITOR`, else VS Code when this terminal is VS Code's. The
 * variable may carry arguments (`code --wait`, `emacs -nw`); they are kept, split
 * on spaces (quoted arguments are not supported).
 */
export function editorLaunch(env: EditorEnv, file: string, line: number): EditorLaunch {
  const setting = [env.VISUAL, env.EDITOR].map((value) => value?.trim()).find((value) => value !== undefined && value !== '');
  const words = setting !== undefined ? setting.split(/\s+/) : env.TERM_PROGRAM === 'vscode' ? ['code'] : undefined;
  if (words === undefined) return { kind: 'none', advice: NO_EDITOR_ADVICE };
  const [command, ...extra] = words as [string, ...string[]];
  const name = editorName(command);
  let args: string[];
  let terminal: boolean;
  if (PLUS_LINE.has(name)) {
    args = [...extra, `+${line}`, file];
    terminal = true;
  } else if (GOTO.has(name)) {
    args = [...extra, '--goto', `${file}:${line}`];
    terminal = false;
  } else if (COLON_LINE.has(name)) {
    args = [...extra, `${file}:${line}`];
    terminal = false;
  } else {
    // An editor we do not know: the file without a line, and assume it needs the terminal.
    args = [...extra, file];
    terminal = true;
  }
  return { kind: 'launch', command, args, terminal, shown: [command, ...args].map(shellWord).join(' ') };
}

/** `/usr/bin/nvim` -> nvim, `C:\\...\\Code.exe` -> code. */
function editorName(command: string): string {
  return (command.split(/[\\/]/).at(-1) ?? command).toLowerCase().replace(/\.(exe|cmd|bat)$/, '');
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The line in the learner's file a Python failure points at, when Python told us one. */
export function pythonFailureLine(python: PythonFailure | undefined, isLearnerFile: (file: string) => boolean): number | undefined {
  if (python?.kind === 'exception') return learnerFrames(python.error.frames).filter((frame) => isLearnerFile(frame.file)).at(-1)?.line ?? undefined;
  if (python?.kind === 'timeout') return stuckLocation(python.stuck, isLearnerFile)?.line;
  return undefined;
}

/** Where to open the exercise: the first failure's line in the learner's file, else line 1. */
export function failingLine(outcome: SuiteOutcome | undefined, isLearnerFile: (file: string) => boolean): number {
  if (outcome === undefined || !('tests' in outcome)) return 1;
  const failure = outcome.kind === 'broken' ? outcome.failure : outcome.tests.find((test) => test.status === 'failed')?.failure;
  return pythonFailureLine(failure?.python, isLearnerFile) ?? 1;
}
