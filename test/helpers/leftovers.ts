/**
 * Processes a test run left behind, found by where they run: the bridge and
 * anything the learner's code started run in the exercise's folder (Linux /proc).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface Leftover {
  pid: number;
  command: string;
}

/** Live processes (zombies excluded: they are already dead) whose working directory is inside `folder`. */
export function processesIn(folder: string): Leftover[] {
  const found: Leftover[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readlinkSync(`/proc/${entry}/cwd`).startsWith(folder)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() });
    } catch {
      // Gone meanwhile, or not ours to inspect.
    }
  }
  return found;
}

/** Wait briefly for processes to finish dying (a SIGKILL is delivered asynchronously), then list what is left. */
export async function leftoversIn(folder: string, settleMs = 2000): Promise<Leftover[]> {
  const deadline = Date.now() + settleMs;
  let left = processesIn(folder);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = processesIn(folder);
  }
  return left;
}
