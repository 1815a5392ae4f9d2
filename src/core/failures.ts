/**
 * What can go wrong on the Python side of a test, as plain data. The testing kit
 * attaches one of these to the errors it throws (as `error.advpy`), Vitest carries
 * it to the runner unchanged, and the UI renders it. Pure: no IO here.
 */
import type { CapturedOutput, PyErrorInfo, PyFrame, PyWarning } from './protocol.js';

export type PythonFailure =
  | { kind: 'exception'; phase: 'import' | 'test'; error: PyErrorInfo }
  | { kind: 'timeout'; phase: 'import' | 'test'; timeoutMs: number; stuck: StackThread[] }
  | {
      kind: 'crash';
      phase: 'import' | 'test';
      exitCode: number | null;
      signal: string | null;
      output: string;
      /** Every thread's stack when a fatal signal ended it (native CPython's faulthandler); empty otherwise. */
      stack?: StackThread[];
    }
  /** The code under test wrote to, closed or replaced the runner's private file descriptors. */
  | { kind: 'channel'; phase: 'import' | 'test'; received: string }
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

/**
 * Where a stuck interpreter was, as far as the learner is concerned: their own code
 * (`learner`), some other Python file such as the standard library (`library`), or
 * only the runner's own bridge files (`runner`), which are never named to the learner
 * since they are not theirs to fix.
 */
export type StuckPlace =
  | { in: 'learner'; file: string; line: number; name: string }
  | { in: 'library'; file: string; line: number; name: string }
  | { in: 'runner' };

/** The bridge's own Python files: the entry scripts and the `_advpy_kata` package. */
export function isRunnerFile(file: string): boolean {
  return /(^|[\\/])advpy_(native|embedded|probe)\.py$/.test(file) || /(^|[\\/])_advpy_kata[\\/]/.test(file);
}

/**
 * Where a stuck interpreter was: the innermost learner frame of any thread (the current
 * thread first); else the innermost frame of the current thread outside the runner's
 * files; else, when only runner frames were seen, the runner. Undefined without stacks.
 */
export function locateStuck(threads: readonly StackThread[], isLearnerFile: (file: string) => boolean): StuckPlace | undefined {
  const ordered = [...threads].sort((a, b) => Number(b.current) - Number(a.current));
  for (const thread of ordered) {
    const frame = thread.frames.find((candidate) => isLearnerFile(candidate.file));
    if (frame) return { in: 'learner', ...frame };
  }
  const frames = ordered[0]?.frames ?? [];
  if (frames.length === 0) return undefined;
  const other = frames.find((candidate) => !isRunnerFile(candidate.file));
  return other ? { in: 'library', ...other } : { in: 'runner' };
}

/**
 * One line per thread of a stuck interpreter, for code that started threads: where
 * each one was (its innermost frame in the learner's file, else outside the runner),
 * the current thread first. Threads that were only inside the runner are left out.
 */
export function describeThreads(threads: readonly StackThread[], isLearnerFile: (file: string) => boolean): string[] {
  const ordered = [...threads].sort((a, b) => Number(b.current) - Number(a.current));
  return ordered.flatMap((thread, index) => {
    const frame = thread.frames.find((candidate) => isLearnerFile(candidate.file)) ?? thread.frames.find((candidate) => !isRunnerFile(candidate.file));
    if (!frame) return [];
    const who = thread.current ? 'the thread that ran the test' : `thread ${index + 1}`;
    const where = isLearnerFile(frame.file) ? `${baseName(frame.file)}:${frame.line} in ${frame.name}` : `waiting in ${baseName(frame.file)}:${frame.line} in ${frame.name}`;
    return [`${who}: ${where}`];
  });
}

/** The innermost learner frame where a stuck interpreter was; undefined when it was not in the learner's code. */
export function stuckLocation(
  threads: readonly StackThread[],
  isLearnerFile: (file: string) => boolean,
): { file: string; line: number; name: string } | undefined {
  const place = locateStuck(threads, isLearnerFile);
  return place?.in === 'learner' ? { file: place.file, line: place.line, name: place.name } : undefined;
}

/** Where a crashed interpreter was: the learner's line, when the dump shows one. */
export function renderCrashPlace(place: StuckPlace): string | undefined {
  return place.in === 'learner' ? `crashed here: ${baseName(place.file)}:${place.line} in ${place.name}` : undefined;
}

/** One clause saying where it was stuck: "stuck here: 01_logged.py:7 in spin". */
export function renderStuckPlace(place: StuckPlace): string {
  switch (place.in) {
    case 'learner':
      return `stuck here: ${baseName(place.file)}:${place.line} in ${place.name}`;
    case 'library':
      return `not stuck in your file: Python was waiting in ${baseName(place.file)}:${place.line} in ${place.name} (standard library or package code)`;
    case 'runner':
      return "not stuck in your file: Python was in the runner's own code when it was stopped";
  }
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
      const place = locateStuck(failure.stuck, isLearnerFile);
      const at = place ? `; ${renderStuckPlace(place)}` : '';
      return `Python did not finish within ${failure.timeoutMs} ms${at}`;
    }
    case 'crash':
      return failure.signal !== null
        ? `the Python process was killed by ${failure.signal}`
        : `the Python process exited with code ${String(failure.exitCode)} (did something call os._exit?)`;
    case 'channel':
      return "the code under test wrote to, closed or replaced the runner's private channel to Python (file descriptors 3 to 5)";
    case 'unsupported':
      return `${failure.reason}. ${failure.fix}`;
  }
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}
