/**
 * The entry point, and the only module that reads argv or sets the exit code.
 * Ctrl-C ends every child process, then exits with 130 (SIGTERM: 143); state writes are
 * atomic, so an interrupted run never leaves a half-written progress file.
 */
import { EXIT } from '../core/errors.js';
import { flushOutput, STALL_LIMIT_MS } from './flush.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

let stopping = false;
function onSignal(code: typeof EXIT.interrupted | typeof EXIT.terminated): () => void {
  return () => {
    if (stopping) process.exit(code); // a second signal does not wait for anything
    stopping = true;
    process.stderr.write(code === EXIT.interrupted ? '\nInterrupted. Stopping Python…\n' : '\nTerminated. Stopping Python…\n');
    void stopChildren().finally(() => process.exit(code));
  };
}
process.on('SIGINT', onSignal(EXIT.interrupted));
process.on('SIGTERM', onSignal(EXIT.terminated));

// `advpy-kata list | head -1` closes the pipe early: that is the reader's choice,
// not an error, so stop quietly with the status a shell expects for it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    void stopChildren().finally(() => process.exit(EXIT.ok));
  });
}

/** Loaded only when needed: commands like `hint` never start a process. */
async function stopChildren(): Promise<void> {
  const { shutdownChildren } = await import('../engine/processes.js');
  await shutdownChildren();
}

const argv = process.argv.slice(2);
// As the command found it: running it may add to process.env (Vite does), and a resident runner's identity depends on it.
const startEnv = { ...process.env };
const code = await runCli(argv, processIo());
await stopChildren();
// bin/ offered this `run` to a resident runner and none answered: start one for the next `run`.
if (argv[0] === 'run') (await import('../resident/start.js')).startResident(argv, code, startEnv, process.cwd());
// A pipe is written asynchronously on POSIX: exiting before it drains cuts the report (flush.ts).
const flushed = await flushOutput([process.stdout, process.stderr]);
if (flushed === 'stalled') process.stderr.write(`\nadvpy-kata: the program reading this output took nothing for ${STALL_LIMIT_MS / 1000} s, so the rest of it was dropped.\n`);
// Vitest and file watchers can hold the event loop open; the verdict is final, so leave now.
process.exit(flushed === 'closed' ? EXIT.ok : code);
