/**
 * `ADVPY_TRACE=<file>`: timestamped lines (epoch ms, pid/thread, label) appended to that
 * file from every thread (the watch loop, Vitest's worker, the embedded engine's worker),
 * to see where a run's time goes. Unset, a call costs one check.
 */
import { appendFileSync } from 'node:fs';

const file = process.env['ADVPY_TRACE'];
// Loaded only while tracing: node:worker_threads costs a handed-off `run` 3 ms (resident/client.ts).
const threadId = file === undefined || file === '' ? 0 : process.getBuiltinModule('node:worker_threads').threadId;

/** `label` may be a function, so a costly label is only built while tracing. */
export function trace(label: string | (() => string)): void {
  if (file === undefined || file === '') return;
  const text = typeof label === 'function' ? label() : label;
  appendFileSync(file, `${(performance.timeOrigin + performance.now()).toFixed(1)} ${process.pid}/${threadId} ${text}\n`);
}
