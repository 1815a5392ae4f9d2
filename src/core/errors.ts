/**
 * Errors meant for a person. Each has a stable code, a message saying what
 * happened, and a hint naming the exact command to run next. Anything else that
 * reaches the top is a bug and is reported as an internal error.
 */
export const EXIT = {
  ok: 0,
  /** Tests failing, or exercises still pending. */
  failing: 1,
  /** Bad usage or a broken configuration. */
  usage: 2,
  /** A bug in advpy-kata (EX_SOFTWARE). */
  internal: 70,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type KataErrorCode =
  | 'NOT_IN_WORKSPACE'
  | 'WORKSPACE_EXISTS'
  | 'UNKNOWN_EXERCISE'
  | 'LOCKED'
  | 'NOT_DONE'
  | 'BAD_MANIFEST'
  | 'BAD_CONFIG'
  | 'NO_PYTHON'
  | 'MISSING_FILE'
  | 'USAGE';

export class KataError extends Error {
  constructor(
    readonly code: KataErrorCode,
    message: string,
    /** What to do next, ideally a command. */
    readonly hint?: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
    this.name = 'KataError';
  }
}

// Long messages that recur, named so every place says the same thing.
export const MESSAGES = {
  notInWorkspace:
    'Run this inside an advpy-kata workspace. Create one with `npx advpy-kata init`, then `cd advpy-kata`.',
  noModernPython:
    'No Python 3.12 or newer was found. Install one (`uv python install 3.13` or `pyenv install 3.13`), ' +
    'or use the Python that ships inside advpy-kata: add `--engine embedded`.',
} as const;
