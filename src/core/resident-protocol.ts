/**
 * The resident runner's decisions, as data: which commands may be handed to it,
 * what makes two invocations the same runner, and the messages that cross its socket.
 *
 * Why a resident runner at all: a one-shot `run` spends most of its time starting
 * Node's module graph, Vitest and its worker thread, and Python (about 0.7 s), and a
 * warm run about 60 ms. The first `run` in a folder starts a background process that
 * keeps those warm; later runs from the same folder, with the same environment and the
 * same build, hand their arguments to it over a local socket and print what it sends.
 * The IO around these decisions is in src/resident/.
 */

/** Bumped when the messages change; a client and runner of different builds never meet anyway (see identityText). */
export const RESIDENT_PROTOCOL = 1;

/** The hidden command that starts a resident runner (not for people). */
export const RESIDENT_COMMAND = '__resident';

/** Minutes a resident runner waits for a request before it ends itself, unless ADVPY_RESIDENT_IDLE_S says otherwise. */
export const DEFAULT_IDLE_MS = 10 * 60 * 1000;

/** Flags of `run` the resident runner handles; anything else (`--edit`, `--help`) runs in the command's own process. */
const VALUE_FLAGS = new Set(['--engine', '--python']);
const BARE_FLAGS = new Set(['--timeline', '--debug']);

export type Eligibility = { ok: true } | { ok: false; why: string };

/**
 * Whether this invocation may be handed to a resident runner.
 * Only `run`: it is the command an editor task or a learner repeats, and it reads
 * nothing from the terminal. `--edit` starts an editor, which needs this terminal.
 */
export function residentEligibility(argv: readonly string[], env: NodeJS.ProcessEnv): Eligibility {
  if (env.ADVPY_RESIDENT === '0') return { ok: false, why: 'ADVPY_RESIDENT=0' };
  // A CI job ends its processes when it finishes, and runs each command once: nothing to gain.
  if (isCi(env) && env.ADVPY_RESIDENT !== '1') return { ok: false, why: 'running under CI' };
  if (argv[0] !== 'run') return { ok: false, why: 'only `run` is handed off' };
  let positionals = 0;
  for (let index = 1; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const name = arg.split('=')[0] ?? arg;
    if (VALUE_FLAGS.has(name)) {
      if (!arg.includes('=')) index++;
      continue;
    }
    if (BARE_FLAGS.has(arg)) continue;
    if (arg.startsWith('-')) return { ok: false, why: `${arg} runs in this process` };
    if (++positionals > 1) return { ok: false, why: 'too many arguments' };
  }
  return { ok: true };
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * Variables a shell changes between two commands without changing what they do.
 * Every other variable is part of a runner's identity: a runner started with another
 * PATH, ADVPY_PYTHON or NO_COLOR would not run what this command would.
 */
const VOLATILE_ENV = new Set(['_', 'PWD', 'OLDPWD', 'SHLVL', 'COLUMNS', 'LINES', 'TERM_SESSION_ID', 'WINDOWID']);

export interface IdentityInputs {
  /** Where the package is installed: two installs are two runners. */
  packageRoot: string;
  /** Changes whenever the package is rebuilt or reinstalled (the CLI bundle's size and time). */
  buildStamp: string;
  nodePath: string;
  nodeVersion: string;
  /** The folder the command runs in: paths are shown relative to it, and the workspace is found from it. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Everything that makes two invocations the same runner, as one text to hash. */
export function identityText(inputs: IdentityInputs): string {
  const env = Object.entries(inputs.env)
    .filter(([name, value]) => value !== undefined && !VOLATILE_ENV.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({
    protocol: RESIDENT_PROTOCOL,
    packageRoot: inputs.packageRoot,
    buildStamp: inputs.buildStamp,
    node: [inputs.nodePath, inputs.nodeVersion],
    cwd: inputs.cwd,
    env,
  });
}

/**
 * The runner's id: two 32-bit hashes of `text` (FNV-1a, and a multiply-xorshift lane),
 * as 16 hex digits. Hand-written because loading node:crypto costs every `run` 6 ms,
 * a tenth of a handed-off run, and nothing here needs a cryptographic hash: the socket
 * lives in a folder only this user can open; the id only has to tell apart the few
 * identities one user has.
 */
export function identityHash(text: string): string {
  let fnv = 0x811c9dc5;
  let mix = 0x9e3779b9;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    fnv = Math.imul(fnv ^ code, 0x01000193);
    mix = Math.imul(mix ^ code, 0x5bd1e995);
    mix ^= mix >>> 13;
  }
  const hex = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');
  return hex(fnv) + hex(mix);
}

/** Unix socket paths must fit in sockaddr_un (108 bytes on Linux, 104 on macOS). */
export const MAX_SOCKET_PATH = 100;

/**
 * Where the runner of `id` listens: a named pipe on Windows; else a socket in the
 * cache folder, or in a private folder under the temporary one when that path is too long.
 */
export function socketPath(id: string, platform: NodeJS.Platform, cacheDir: string, privateTmpDir: string, join: (...parts: string[]) => string): string {
  if (platform === 'win32') return `\\\\.\\pipe\\advpy-kata-${id}`;
  const inCache = join(cacheDir, 'resident', `${id}.sock`);
  return inCache.length <= MAX_SOCKET_PATH ? inCache : join(privateTmpDir, `${id}.sock`);
}

/** How long a runner waits for work: ADVPY_RESIDENT_IDLE_S seconds, else ten minutes. */
export function idleMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.ADVPY_RESIDENT_IDLE_S);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_IDLE_MS;
}

/** What the client tells the runner about itself: its arguments and its terminal. */
export interface ResidentRequest {
  protocol: number;
  argv: string[];
  stdout: TerminalFacts;
  stderr: TerminalFacts;
  /** Whether to colour output, as the client decided it (wantsColor). */
  color: boolean;
}

export interface TerminalFacts {
  isTTY: boolean;
  columns?: number;
  rows?: number;
}

/** What the runner sends back: output as it is written, then how the command ended. */
export type ResidentReply =
  /** Sent at once, even while an earlier request runs: the runner is alive and will answer. */
  | { type: 'accepted' }
  | { type: 'stdout'; text: string }
  | { type: 'stderr'; text: string }
  | { type: 'exit'; code: number }
  /** This runner's build changed under it: it is ending, and the client runs the command itself. */
  | { type: 'stale' }
  /** Not a request this runner takes; the client runs the command itself. */
  | { type: 'refused'; why: string };

/** One message per line: JSON never contains a raw newline. */
export function encodeMessage(message: ResidentRequest | ResidentReply): string {
  return `${JSON.stringify(message)}\n`;
}

/**
 * Splits what arrived so far into whole lines and the unfinished rest.
 * A line that is not JSON is dropped: it cannot come from this protocol.
 */
export function decodeMessages(buffered: string): { messages: unknown[]; rest: string } {
  const lines = buffered.split('\n');
  const rest = lines.pop() ?? '';
  const messages: unknown[] = [];
  for (const line of lines) {
    if (line === '') continue;
    try {
      messages.push(JSON.parse(line));
    } catch {
      // not ours
    }
  }
  return { messages, rest };
}

export function isReply(value: unknown): value is ResidentReply {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'stdout':
    case 'stderr':
      return typeof message.text === 'string';
    case 'exit':
      return typeof message.code === 'number';
    case 'accepted':
    case 'stale':
      return true;
    case 'refused':
      return typeof message.why === 'string';
    default:
      return false;
  }
}

export function isRequest(value: unknown): value is ResidentRequest {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  const facts = (entry: unknown): boolean => typeof entry === 'object' && entry !== null && typeof (entry as TerminalFacts).isTTY === 'boolean';
  return (
    message.protocol === RESIDENT_PROTOCOL &&
    Array.isArray(message.argv) &&
    message.argv.every((arg) => typeof arg === 'string') &&
    facts(message.stdout) &&
    facts(message.stderr) &&
    typeof message.color === 'boolean'
  );
}
