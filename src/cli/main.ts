/**
 * The entry point, and the only module that reads argv or sets the exit code.
 * Ctrl-C ends every child process, then exits with 130; state writes are
 * atomic, so an interrupted run never leaves a half-written progress file.
 */
import { EXIT } from '../core/errors.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

let interrupted = false;
function onInterrupt(): void {
  if (interrupted) process.exit(EXIT.interrupted); // a second Ctrl-C does not wait for anything
  interrupted = true;
  process.stderr.write('\nInterrupted. Stopping Python…\n');
  void stopChildren().finally(() => process.exit(EXIT.interrupted));
}
process.on('SIGINT', onInterrupt);
process.on('SIGTERM', onInterrupt);

/** Loaded only when needed: commands like `hint` never start a process. */
async function stopChildren(): Promise<void> {
  const { shutdownChildren } = await import('../engine/processes.js');
  await shutdownChildren();
}

const code = await runCli(process.argv.slice(2), processIo());
await stopChildren();
// Vitest and file watchers can hold the event loop open; the verdict is final, so leave now.
process.exit(code);
