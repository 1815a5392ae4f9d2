/**
 * The bridge protocol: what TypeScript sends to the Python session and what comes back.
 * The Python side is `python/_advpy_kata/session.py`; both engines carry these shapes.
 */

/** Bump when the request or response shapes change; it also keys the embedded snapshot. */
export const BRIDGE_PROTOCOL_VERSION = 1;

export type BridgeRequest =
  | { op: 'import'; path: string; alias?: string; fakeTime?: boolean }
  | { op: 'exec'; code: string }
  | { op: 'eval'; code: string }
  | { op: 'call'; target: string; args?: unknown[]; kwargs?: Record<string, unknown>; store?: string };

export interface PyFrame {
  file: string;
  line: number | null;
  name: string;
  code: string;
  /** True when the frame is in the learner's exercise folder. */
  learner: boolean;
  column?: number | null;
}

export interface PyErrorInfo {
  type: string;
  module: string;
  message: string;
  frames: PyFrame[];
  notes: string[];
  exceptions?: PyErrorInfo[];
  cause?: { type: string; message: string };
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

/** Marker the Python side uses for values JSON cannot carry. */
export const OPAQUE_MARKER = '__py__';
