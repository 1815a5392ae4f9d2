/**
 * What can go wrong on the Python side of a test, as plain data. The testing kit
 * attaches one of these to the errors it throws (as `error.advpy`), Vitest carries
 * it to the runner unchanged, and the UI renders it. Pure: no IO here.
 */
import type { CapturedOutput, PyErrorInfo, PyFrame, PyWarning } from '../engine/protocol.js';

export type PythonFailure =
  | { kind: 'exception'; phase: 'import' | 'test'; error: PyErrorInfo }
  | { kind: 'timeout'; phase: 'import' | 'test'; timeoutMs: number; stuck: StackThread[] }
  | { kind: 'crash'; phase: 'import' | 'test'; exitCode: number | null; signal: string | null; output: string }
  | { kind: 'unsupported'; reason: string; fix: string };

export interface StackThread {
  id: string;
  current: boolean;
  /** Most recent call first, as faulthandler prints them. */
  frames: Array<{ file: string; line: number; name: string }>;
}

/** What a test printed, across every call it made. */
export interface TestOutput extends CapturedOutput {
  warnings: PyWarning[];
}

/**
 * Parse faulthandler's all-threads dump:
 *
 *     Current thread 0x00007f… (most recent call first):
 *       File "/x/01_logged.py", line 5 in spin
 */
export function parseFaulthandler(text: string): StackThread[] {
  const threads: StackThread[] = [];
  let current: StackThread | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = /^(Current thread|Thread) (0x[0-9a-f]+|\d+)/i.exec(line);
    if (header) {
      current = { id: header[2] ?? '?', current: header[1] === 'Current thread', frames: [] };
      threads.push(current);
      continue;
    }
    const frame = /^\s+File "(.*)", line (\d+) in (.*)$/.exec(line);
    if (frame && current) current.frames.push({ file: frame[1] ?? '', line: Number(frame[2]), name: frame[3] ?? '' });
  }
  return threads;
}

/** The frames worth showing a learner: theirs, or failing that, the innermost one. */
export function learnerFrames(frames: readonly PyFrame[]): PyFrame[] {
  const mine = frames.filter((frame) => frame.learner);
  if (mine.length > 0) return mine;
  const last = frames.at(-1);
  return last ? [last] : [];
}

/** Where a stuck interpreter was: the innermost frame in `roots`, else the innermost frame at all. */
export function stuckLocation(
  threads: readonly StackThread[],
  isLearnerFile: (file: string) => boolean,
): { file: string; line: number; name: string } | undefined {
  const ordered = [...threads].sort((a, b) => Number(b.current) - Number(a.current));
  for (const thread of ordered) {
    const frame = thread.frames.find((candidate) => isLearnerFile(candidate.file));
    if (frame) return frame;
  }
  return ordered[0]?.frames[0];
}

/** The one-line summary used in test error messages. */
export function summarizeFailure(failure: PythonFailure, isLearnerFile: (file: string) => boolean): string {
  switch (failure.kind) {
    case 'exception': {
      const { type, message } = failure.error;
      const where = learnerFrames(failure.error.frames).at(-1);
      const at = where ? ` (${baseName(where.file)}:${where.line ?? '?'})` : '';
      const what = message ? `${type}: ${message}` : type;
      return failure.phase === 'import' ? `your file failed to import: ${what}${at}` : `Python raised ${what}${at}`;
    }
    case 'timeout': {
      const where = stuckLocation(failure.stuck, isLearnerFile);
      const at = where ? `; stuck here: ${baseName(where.file)}:${where.line} in ${where.name}` : '';
      return `Python did not finish within ${failure.timeoutMs} ms${at}`;
    }
    case 'crash':
      return failure.signal !== null
        ? `the Python process was killed by ${failure.signal}`
        : `the Python process exited with code ${String(failure.exitCode)} (did something call os._exit?)`;
    case 'unsupported':
      return `${failure.reason}. ${failure.fix}`;
  }
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}
