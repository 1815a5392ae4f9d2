/**
 * Ending a process together with every descendant, including those that left its
 * process group (a learner's child that called `os.setsid()`).
 *
 * Linux: descendants are found through /proc (each process's parent pid). The
 * Python bridge makes itself a child subreaper (python/advpy_native.py), so even a
 * double-forked daemon stays below it while it lives. The tree is frozen with
 * SIGSTOP while it is searched, so nothing can fork away between the search and
 * the kill, and then every member gets SIGKILL.
 *
 * macOS and other POSIX systems: there is no /proc and no subreaper, so only the
 * process group is signalled; a descendant that called setsid() survives there.
 * Windows: there are no process groups; Node ends the one process, and children
 * it started survive unless they exit on their own (ending them would need a job
 * object, which Node does not expose).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** How many freeze-and-search rounds before giving up on a tree that keeps growing. */
const MAX_ROUNDS = 20;

export interface ProcessIdentity {
  pid: number;
  /** Linux: the start time in clock ticks since boot (/proc/<pid>/stat field 22), to tell a reused pid apart. */
  started: string | undefined;
}

/** The pid's identity now; `started` is undefined off Linux or when the process is gone. */
export function identifyProcess(pid: number): ProcessIdentity {
  return { pid, started: readStat(pid)?.started };
}

/** Whether the pid still names the same process (always true where that cannot be checked). */
export function isSameProcess(identity: ProcessIdentity): boolean {
  if (identity.started === undefined) return true;
  return readStat(identity.pid)?.started === identity.started;
}

/**
 * SIGKILL `root`, its process group when it leads one, and (on Linux) every
 * descendant, wherever its group. Synchronous, so it also works in an 'exit' handler.
 */
export function killProcessTree(root: number, options: { group: boolean }): void {
  const members = process.platform === 'linux' ? freezeTree(root) : [root];
  if (options.group && process.platform !== 'win32') signal(-root, 'SIGKILL');
  for (const pid of members) signal(pid, 'SIGKILL');
}

/** Stop `root` and every descendant, searching until no new one appears; returns them all. */
function freezeTree(root: number): number[] {
  const frozen = new Set<number>([root]);
  signal(root, 'SIGSTOP');
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const found = descendantsOf(frozen, readParents()).filter((pid) => !frozen.has(pid));
    if (found.length === 0) break;
    for (const pid of found) {
      frozen.add(pid);
      signal(pid, 'SIGSTOP');
    }
  }
  return [...frozen];
}

function descendantsOf(roots: ReadonlySet<number>, parents: ReadonlyMap<number, number>): number[] {
  const inTree = new Set(roots);
  // Parents are usually listed before children, but not always (pid wrap-around): repeat until stable.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [pid, parent] of parents) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        changed = true;
      }
    }
  }
  return [...inTree];
}

/** pid -> parent pid for every process we can see. */
function readParents(): Map<number, number> {
  const parents = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return parents;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) parents.set(Number(entry), stat.parent);
  }
  return parents;
}

function readStat(pid: number): { parent: number; started: string } | undefined {
  if (process.platform !== 'linux') return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone, or not ours to read
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const parent = Number(fields[1]);
  const started = fields[19];
  if (!Number.isInteger(parent) || started === undefined) return undefined;
  return { parent, started };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone (ESRCH), or not ours (EPERM): nothing more to do for this one.
  }
}
