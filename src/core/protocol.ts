/**
 * The bridge protocol: what TypeScript sends to the Python session and what comes back.
 * The Python side is `python/_advpy_kata/session.py`; both engines carry these shapes.
 */

/**
 * Bump when the request or response shapes change, together with `PROTOCOL_VERSION` in
 * `python/_advpy_kata/session.py`. The bridge announces it when it is ready, and the
 * engines refuse a bridge that speaks another; it also keys the embedded snapshot.
 */
export const BRIDGE_PROTOCOL_VERSION = 1;

/**
 * The version a bridge's ready message announces: a number, `null` when the message
 * carries none (a bridge from before versions were announced), or undefined when the
 * message is not a ready message at all.
 */
export function parseBridgeReady(value: unknown): number | null | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  if (message.ready !== true) return undefined;
  return typeof message.protocol === 'number' ? message.protocol : null;
}

export type BridgeRequest =
  | { op: 'import'; path: string; alias?: string; fakeTime?: boolean }
  | ({ op: 'exec'; code: string } & TestBoundary)
  | ({ op: 'eval'; code: string } & TestBoundary)
  | ({ op: 'call'; target: string; args?: unknown[]; kwargs?: Record<string, unknown>; store?: string } & TestBoundary);

interface TestBoundary {
  /** Set on a test's first request: what earlier tests recorded (timeline spans) is dropped. */
  newTest?: boolean;
}

export interface PyFrame {
  file: string;
  line: number | null;
  name: string;
  code: string;
  /** True when the frame is in the learner's exercise folder. */
  learner: boolean;
  /** 1-based column in the real line (a SyntaxError's offset), counting its indentation. */
  column?: number | null;
  /** Where the marked range ends (exclusive, 1-based), when Python knows it. */
  end_column?: number;
  /** Leading whitespace removed from `code`; columns count it, the shown code does not. */
  indent?: number;
  /** How many times this frame came in a row (a RecursionError), when more than once. */
  repeat?: number;
}

export interface PyErrorInfo {
  type: string;
  module: string;
  message: string;
  frames: PyFrame[];
  notes: string[];
  exceptions?: PyErrorInfo[];
  /**
   * The root of the exception chain (`__cause__`, or `__context__` unless suppressed):
   * `depth` 1 is the direct cause. Older bridges sent only type and message.
   */
  cause?: { type: string; message: string; depth?: number; frames?: PyFrame[] };
}

export interface PyWarning {
  category: string;
  message: string;
  file: string;
  line: number;
}

export interface CapturedOutput {
  stdout: string;
  stderr: string;
  /** Characters dropped past the output cap, per stream. */
  truncated: { stdout: number; stderr: number };
}

export type BridgeResponse = CapturedOutput & {
  id?: number;
  warnings: PyWarning[];
} & ({ ok: true; value: unknown } | { ok: false; error: PyErrorInfo });

/**
 * Exit code of the native bridge when the code under test closed or replaced its
 * channel (python/advpy_native.py uses the same number).
 */
export const CHANNEL_BROKEN_EXIT = 75;

/**
 * True when `value` has the shape of a response, so a message the code under test
 * forged or garbled is caught here and never reaches code that trusts the shape.
 */
export function isBridgeResponse(value: unknown): value is BridgeResponse {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  const truncated = message.truncated as Record<string, unknown> | undefined;
  const shapeOk =
    typeof message.id === 'number' &&
    typeof message.ok === 'boolean' &&
    typeof message.stdout === 'string' &&
    typeof message.stderr === 'string' &&
    Array.isArray(message.warnings) &&
    typeof truncated === 'object' &&
    truncated !== null &&
    typeof truncated.stdout === 'number' &&
    typeof truncated.stderr === 'number';
  if (!shapeOk) return false;
  if (message.ok) return 'value' in message;
  const error = message.error as Record<string, unknown> | undefined;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof error.type === 'string' &&
    typeof error.message === 'string' &&
    Array.isArray(error.frames) &&
    Array.isArray(error.notes)
  );
}

/** Marker the Python side uses for values JSON cannot carry. */
export const OPAQUE_MARKER = '__py__';
