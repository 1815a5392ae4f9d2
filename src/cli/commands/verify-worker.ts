/**
 * The hidden `__verify-worker` command: one of the processes a parallel `verify`
 * forks (verify-workers.ts). Each has its own CourseRunner, and so its own warm
 * Vitest, whose worker thread is module-global (warm-pool.ts): that is why runs
 * in parallel need processes, not threads. It runs what the parent sends, one run
 * at a time, and answers each with its entry; it writes no state (the parent is
 * the only writer). It ends when the parent disconnects, or dies: then the IPC
 * channel closes and this process closes its runner and exits.
 */
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import { CourseRunner } from '../../runner/course-runner.js';
import { readCourse } from '../../workspace/course.js';
import type { Io } from '../io.js';
import { entryToWire, isToWorker, runFromWire, VERIFY_WORKER_COMMAND, type FromWorker, type WireRun } from './verify-protocol.js';
import { check } from './verify-runs.js';

export async function runVerifyWorker(io: Io): Promise<ExitCode> {
  const send = process.send?.bind(process);
  if (send === undefined || !process.connected) {
    throw new KataError('USAGE', `${VERIFY_WORKER_COMMAND} is internal: \`advpy-kata verify\` starts it`, 'Run `advpy-kata verify` instead.');
  }
  const course = await readCourse();
  const reply = (message: FromWorker): void => {
    // A parent that is gone cannot be told; its disconnect ends this process.
    send(message, undefined, {}, () => undefined);
  };
  return new Promise<ExitCode>((resolve, reject) => {
    let runner: Promise<CourseRunner> | undefined;
    let work: Promise<void> = Promise.resolve();
    const runOne = async (wire: WireRun): Promise<void> => {
      if (runner === undefined) throw new Error('the verify worker was sent a run before its settings');
      const run = runFromWire(wire, course.exercises);
      crashIfAsked(io.env, run.exercise.id);
      reply({ type: 'entry', index: wire.index, entry: entryToWire(await check(await runner, run)) });
    };
    const onMessage = (message: unknown): void => {
      if (!isToWorker(message)) return reject(new Error(`the verify worker got a message it does not know: ${JSON.stringify(message)}`));
      if (message.type === 'setup') {
        runner = CourseRunner.create({ ...message.settings, env: io.env, exercises: course.exercises });
        // Start Vitest now, while the parent is still handing out work; a failure
        // to start surfaces in the first run, which awaits the same promise.
        runner.then((created) => created.warm()).catch(() => undefined);
        return;
      }
      // An error in a run is a bug: it ends the worker (exit 70, the error on stderr),
      // and the parent reports the run as a crash. Runs never overlap (see SuiteRunner).
      work = work.then(() => runOne(message.run)).catch(reject);
    };
    process.on('message', onMessage);
    process.once('disconnect', () => {
      process.off('message', onMessage);
      const closing = runner === undefined ? Promise.resolve() : runner.then((created) => created.close());
      closing.then(() => resolve(EXIT.ok), reject);
    });
    reply({ type: 'ready' });
  });
}

/**
 * For tests only, and only under Vitest (which sets VITEST): ADVPY_VERIFY_WORKER_EXIT_ON
 * names an exercise whose run kills its worker outright, as a crash in Node would.
 */
function crashIfAsked(env: NodeJS.ProcessEnv, exerciseId: string): void {
  if (env.VITEST !== undefined && env.ADVPY_VERIFY_WORKER_EXIT_ON === exerciseId) process.kill(process.pid, 'SIGKILL');
}
