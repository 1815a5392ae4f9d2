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
  /**
   * Progress or a report could not be written (a full disk, no permission, a read-only
   * mount): EX_IOERR from sysexits.h. Not 70, because nothing is wrong with advpy-kata.
   */
  ioError: 74,
  /** Ctrl-C. */
  interrupted: 130,
  /** SIGTERM (128 + 15), as shells report it. */
  terminated: 143,
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
  | 'STATE_TOO_NEW'
  | 'STATE_NOT_SAVED'
  | 'REPORT_NOT_WRITTEN'
  | 'WATCH_LOCKED'
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
