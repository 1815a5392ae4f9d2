/**
 * What a refused write means for a person: a full disk, no permission or a
 * read-only mount, said as what happened plus what to do. Kept apart from the
 * saver so the CLI's error report can use it without loading the state modules.
 */
import { dirname } from 'node:path';
import { EXIT, KataError } from '../core/errors.js';

/** Why a file could not be written, and what the learner can do about it. */
export interface WriteProblem {
  /** What happened, ending without a full stop: "the disk is full (ENOSPC)". */
  what: string;
  /** What to do, as an instruction: "Free some disk space". */
  todo: string;
}

/** Whether an error came from the file system (it carries an errno code), rather than from a bug. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  const candidate = error as NodeJS.ErrnoException | undefined;
  return candidate instanceof Error && typeof candidate.code === 'string' && typeof candidate.syscall === 'string';
}

/** The learner's version of a failed write of `file`. */
export function describeWriteError(error: unknown, file: string): WriteProblem {
  if (error instanceof KataError) return { what: error.message.replace(/\.$/, ''), todo: (error.hint ?? 'See the message above').replace(/\.$/, '') };
  const dir = dirname(file);
  const code = isFileSystemError(error) ? error.code : undefined;
  switch (code) {
    case 'ENOSPC':
      return { what: 'the disk is full (ENOSPC)', todo: 'Free some disk space' };
    case 'EDQUOT':
      return { what: 'your disk quota is used up (EDQUOT)', todo: 'Free some space in your quota' };
    case 'EACCES':
    case 'EPERM':
      // On Windows, EPERM also means another program (an editor, a virus scanner) holds the file open.
      return { what: `permission was denied (${code})`, todo: `Make ${dir} writable for you (for example \`chmod u+w ${dir}\`)` };
    case 'EROFS':
      return { what: 'the file system is read-only (EROFS)', todo: 'Remount it writable, or copy the workspace to a writable disk' };
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return { what: `the write failed (${detail})`, todo: `Check that ${dir} exists and is writable` };
    }
  }
}

/** The one-shot commands' error: nothing was recorded, and what to do before running it again. */
export function stateNotSavedError(file: string, error: unknown): KataError {
  const { what, todo } = describeWriteError(error, file);
  return new KataError(
    'STATE_NOT_SAVED',
    `your progress could not be saved to ${file}: ${what}. This command's change to your progress was not recorded`,
    `${todo}, then run the same command again. Your earlier progress in that file is untouched.`,
    EXIT.ioError,
  );
}
