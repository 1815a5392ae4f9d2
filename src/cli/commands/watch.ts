/** `advpy-kata watch`: placeholder until the watch loop lands (issue 3). */
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import type { Io } from '../io.js';

export async function runWatch(_options: unknown, _io: Io): Promise<ExitCode> {
  throw new KataError('USAGE', 'watch mode is not available in this build', 'Use `advpy-kata run` after each save.', EXIT.usage);
}
