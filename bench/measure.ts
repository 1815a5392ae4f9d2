/** Small measuring helpers the benchmarks share: timings of commands, percentiles, /proc readings. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const ms = (value: number): string => `${value.toFixed(0)} ms`;

/** Wall time of one run of a command to its exit, in ms. */
export function timeCommand(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const started = performance.now();
  const result = spawnSync(command, args, { ...options, stdio: 'ignore' });
  if (result.error) throw result.error;
  return performance.now() - started;
}

/** The median of `times` measurements. */
export function median(run: () => number, times: number): number {
  return percentile(Array.from({ length: times }, run), 50);
}

/** CPU seconds used so far by a process (user + system), from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of one process (its threads included, such as the embedded engine's worker; not its children). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}
