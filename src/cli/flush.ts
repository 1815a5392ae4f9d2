/**
 * Waiting for stdout and stderr to be written out before the process exits.
 *
 * Why: on Linux and macOS, Node writes to a pipe asynchronously, and
 * `process.exit` drops whatever the reader has not taken yet, so a large
 * `verify --reporter json | jq` was cut at a pipe-buffer boundary (64 KB and up).
 * Files are written synchronously everywhere, terminals synchronously on POSIX,
 * and pipes synchronously on Windows (where Windows terminals are the asynchronous
 * case): those streams have nothing pending, and cost nothing here.
 * https://nodejs.org/api/process.html#a-note-on-process-io
 */

/** The part of a writable stream (process.stdout, a net.Socket, any Writable) this needs. */
export interface PendingStream {
  readonly writableLength: number;
  readonly destroyed?: boolean;
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
}

/** flushed: everything was written; closed: the reader went away (EPIPE); stalled: it stopped reading. */
export type FlushResult = 'flushed' | 'closed' | 'stalled';

/**
 * How long a reader may take nothing before we stop waiting for it. A reader that
 * reads at all (jq, a file, a CI log) takes megabytes in milliseconds; this bound only
 * ends a wait on one that never reads, such as a parent that waits for our exit before
 * reading. Ctrl-C still ends the wait at once (main.ts).
 */
export const STALL_LIMIT_MS = 30_000;
const POLL_MS = 200;

/** Resolve once everything written to `stream` so far has gone out, or it cannot. */
export function flushStream(stream: PendingStream, stallLimitMs = STALL_LIMIT_MS): Promise<FlushResult> {
  if (stream.destroyed === true || stream.writableLength === 0) return Promise.resolve('flushed');
  return new Promise((resolve) => {
    let pending = stream.writableLength;
    let quietSince = Date.now();
    // Progress is seen only when a whole earlier write completes, so one huge write
    // counts as "no progress" until it is done: the bound is generous for that reason.
    const watch = setInterval(() => {
      if (stream.writableLength < pending) {
        pending = stream.writableLength;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= stallLimitMs) {
        finish('stalled');
      }
    }, POLL_MS);
    const finish = (result: FlushResult): void => {
      clearInterval(watch);
      resolve(result);
    };
    // Writes complete in order, so an empty write's callback runs after every earlier one.
    stream.write('', (error) => finish(error ? 'closed' : 'flushed'));
  });
}

/** Flush both output streams together; the result says whether the reader of either went away or stalled. */
export async function flushOutput(streams: readonly PendingStream[], stallLimitMs = STALL_LIMIT_MS): Promise<FlushResult> {
  const results = await Promise.all(streams.map((stream) => flushStream(stream, stallLimitMs)));
  return results.find((result) => result !== 'flushed') ?? 'flushed';
}
