/** Asking the learner a question on the injected streams. */
import type { Io } from './io.js';

/** One line of answer, trimmed; undefined without a terminal, where there is nobody to ask. */
function ask(io: Io, question: string): Promise<string | undefined> {
  if (io.stdin.isTTY !== true) return Promise.resolve(undefined);
  io.stdout.write(question);
  return new Promise((resolve) => {
    const onData = (chunk: Buffer | string): void => {
      io.stdin.off('data', onData);
      io.stdin.pause();
      resolve(String(chunk).trim());
    };
    io.stdin.on('data', onData);
    io.stdin.resume();
  });
}

/** Resolves true for y/yes. Without a terminal, the answer is no. */
export async function confirm(io: Io, question: string): Promise<boolean> {
  return /^y(es)?$/i.test((await ask(io, `${question} [y/N] `)) ?? '');
}

/**
 * The language the learner comes from, asked once at `init`: `ts`, `go`, or
 * undefined for both (just Enter, anything else, or no terminal).
 */
export async function askFromLanguage(io: Io): Promise<'ts' | 'go' | undefined> {
  const answer = (await ask(io, 'Which language do you come from? t = TypeScript, g = Go, Enter = both: ')) ?? '';
  if (/^(t|ts|typescript|js|javascript)$/i.test(answer)) return 'ts';
  if (/^(g|go|golang)$/i.test(answer)) return 'go';
  return undefined;
}
