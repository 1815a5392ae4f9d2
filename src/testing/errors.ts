/**
 * Errors a suite sees when Python misbehaves. Each carries its details as plain
 * data on `advpy`, which survives Vitest's trip from the worker to the runner.
 */
import { summarizeFailure, type PythonFailure } from '../core/failures.js';
import type { PyErrorInfo } from '../core/protocol.js';

export class PythonFailureError extends Error {
  readonly advpy: PythonFailure;

  constructor(failure: PythonFailure, isLearnerFile: (file: string) => boolean) {
    super(summarizeFailure(failure, isLearnerFile));
    this.name = 'PythonFailure';
    this.advpy = failure;
  }
}

/** A Python exception, re-thrown in TypeScript. `pyType` is the exception class name. */
export class PythonError extends PythonFailureError {
  readonly pyType: string;
  readonly pyMessage: string;
  /** What the failing request printed before it raised. */
  readonly stdout: string;
  readonly stderr: string;

  constructor(
    error: PyErrorInfo,
    phase: 'import' | 'test',
    isLearnerFile: (file: string) => boolean,
    output: { stdout: string; stderr: string } = { stdout: '', stderr: '' },
  ) {
    super({ kind: 'exception', phase, error }, isLearnerFile);
    this.name = 'PythonError';
    this.pyType = error.type;
    this.pyMessage = error.message;
    this.stdout = output.stdout;
    this.stderr = output.stderr;
  }
}
