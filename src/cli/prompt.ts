/** Asking the learner a yes/no question on the injected streams. */
import type { Io } from './io.js';

/** Resolves true for y/yes. Without a terminal there is nobody to ask, so the answer is no. */
export function confirm(io: Io, question: string): Promise<boolean> {
  if (io.stdin.isTTY !== true) return Promise.resolve(false);
  io.stdout.write(`${question} [y/N] `);
  return new Promise((resolve) => {
    const onData = (chunk: Buffer | string): void => {
      io.stdin.off('data', onData);
      io.stdin.pause();
      resolve(/^\s*y(es)?\s*$/i.test(String(chunk)));
    };
    io.stdin.on('data', onData);
    io.stdin.resume();
  });
}
