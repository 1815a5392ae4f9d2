/**
 * The runner's registry of processes another thread started (processes.ts): it
 * learns them from reports, ends them when asked, ends at once any reported
 * while a run is being cancelled, and ignores anything that is not a report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BroadcastChannel } from 'node:worker_threads';
import { afterEach, expect, test } from 'vitest';
import { listenForChildReports, type ReportedChildren } from '../../src/engine/processes.js';

const started: ChildProcess[] = [];
let registry: ReportedChildren | undefined;

afterEach(() => {
  registry?.close();
  registry = undefined;
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

/** A process in its own group, as the bridge is, and a promise of how it ended. */
function sleeper(): { child: ChildProcess; ended: Promise<NodeJS.Signals | null> } {
  const child = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
  started.push(child);
  return { child, ended: new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal))) };
}

function report(channel: string, message: unknown): void {
  const sender = new BroadcastChannel(channel);
  sender.postMessage(message);
  sender.close();
}

async function reported(expected: number): Promise<void> {
  await expect.poll(() => registry?.size).toBe(expected);
}

test('a reported child is ended by endAll; an exited report forgets it', async () => {
  registry = listenForChildReports();
  const first = sleeper();
  const second = sleeper();
  report(registry.channel, { type: 'spawned', pid: first.child.pid, group: true, description: 'first' });
  report(registry.channel, { type: 'spawned', pid: second.child.pid, group: true, description: 'second' });
  await reported(2);
  report(registry.channel, { type: 'exited', pid: second.child.pid });
  await reported(1);
  registry.endAll();
  expect(await first.ended).toBe('SIGKILL');
  expect(second.child.exitCode === null && second.child.signalCode === null, 'the forgotten one is left alone').toBe(true);
});

test('while a cancel is open, a newly reported child is ended at once', async () => {
  registry = listenForChildReports();
  const release = registry.cancel();
  const late = sleeper();
  report(registry.channel, { type: 'spawned', pid: late.child.pid, group: true, description: 'late' });
  expect(await late.ended).toBe('SIGKILL');
  release();
  const after = sleeper();
  report(registry.channel, { type: 'spawned', pid: after.child.pid, group: true, description: 'after' });
  await reported(1);
});

test('anything but a well-formed report is ignored', async () => {
  registry = listenForChildReports();
  for (const junk of [null, 'spawned', { type: 'spawned' }, { type: 'spawned', pid: -1, group: true, description: 'x' }, { type: 'spawned', pid: 1.5, group: true, description: 'x' }, { type: 'kill', pid: 1 }]) {
    report(registry.channel, junk);
  }
  const real = sleeper();
  report(registry.channel, { type: 'spawned', pid: real.child.pid, group: false, description: 'real' });
  // Reports arrive in order: once the real one is in, every junk one before it was seen and dropped.
  await reported(1);
});
