/** Start the learner's editor (the command comes from src/core/editor-command.ts). */
import { spawn } from 'node:child_process';
import type { EditorLaunch } from '../core/editor-command.js';

/**
 * A GUI editor is started detached and left running: it outlives us. A terminal
 * editor gets our terminal and we wait until it exits. Resolves with a sentence
 * for the learner when the editor could not be started.
 */
export function openEditor(launch: Extract<EditorLaunch, { kind: 'launch' }>): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(launch.command, launch.args, launch.terminal ? { stdio: 'inherit' } : { stdio: 'ignore', detached: true });
    child.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? `${launch.command} was not found` : error.message;
      resolve(`Could not open your editor (${why}): check $VISUAL or $EDITOR, or run \`${launch.shown}\` yourself.`);
    });
    if (launch.terminal) {
      child.once('exit', () => resolve(undefined));
    } else {
      child.once('spawn', () => {
        child.unref();
        resolve(undefined);
      });
    }
  });
}
