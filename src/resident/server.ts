/**
 * The resident runner: a background process that keeps Vitest, its worker thread
 * and the next Python interpreter warm, and runs the `run` commands clients hand
 * it, one at a time, exactly as the command would run in their own process (the
 * same runCli, with an Io that writes to the client's socket).
 *
 * It owns its socket and its runners. It ends itself after a quiet spell
 * (ADVPY_RESIDENT_IDLE_S, ten minutes by default), and at once when the package's
 * code changed under it, telling the client to run the command itself.
 */
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { EXIT, type ExitCode } from '../core/errors.js';
import {
  RESIDENT_COMMAND,
  decodeMessages,
  encodeMessage,
  idleMs,
  isRequest,
  residentEligibility,
  type ResidentReply,
  type ResidentRequest,
  type TerminalFacts,
} from '../core/resident-protocol.js';
import type { InputStream, Io } from '../cli/io.js';
import { KeptRunners } from '../runner/runner-source.js';
import { trace } from '../trace.js';
import { residentAddress } from './address.js';
import { codeFingerprint, watchCode } from './code-watch.js';
import { answers } from './status.js';

/** Runs until idle or stale; then closes its runners (ending their Python) and returns. */
export async function runResident(io: Io): Promise<ExitCode> {
  const address = residentAddress(io.env, io.cwd);
  // Each folder and environment gets a runner of its own; a few are plenty.
  if ((await liveRunners(dirname(address.path), address.path)) >= MAX_RUNNERS) {
    trace(`resident: ${MAX_RUNNERS} runners already serve this user; not starting another`);
    return EXIT.ok;
  }
  const server = await claim(address.path);
  // Another runner for this identity is already up: it serves, this one has nothing to do.
  if (server === undefined) return EXIT.ok;
  process.title = `advpy-kata ${RESIDENT_COMMAND}`;
  trace(`resident: listening on ${address.path}`);
  removeSocketAtExit(address.path);
  const runners = new KeptRunners();
  const wait = idleMs(io.env);

  let queue: Promise<void> = Promise.resolve();
  let busy = 0;
  let timer: NodeJS.Timeout | undefined;
  let finish = (): void => undefined;
  const ended = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let stale = false;
  const rest = (): void => {
    clearTimeout(timer);
    if (busy > 0) return;
    // Old code has nothing more to serve: end now rather than after a quiet spell.
    if (stale) finish();
    else timer = setTimeout(finish, wait);
  };
  const watcher = watchCode(() => {
    trace('resident: the package changed');
    stale = true;
    rest();
  });
  const fingerprint = watcher === undefined ? codeFingerprint() : '';
  const isStale = (): boolean => stale || (watcher === undefined && codeFingerprint() !== fingerprint);

  server.on('connection', (socket) => {
    trace('resident: connection');
    readRequest(socket, (request) => {
      trace('resident: read');
      busy++;
      clearTimeout(timer);
      send(socket, { type: 'accepted' });
      queue = queue.then(async () => {
        // A rebuilt or reinstalled package: this process runs old code. Step aside.
        if (isStale()) {
          send(socket, { type: 'stale' });
          socket.end();
          finish();
          return;
        }
        await serve(socket, request, io, runners);
      }).finally(() => {
        busy--;
        rest();
      });
    });
  });

  // Warm up for the command that will most likely come: `run` with no flags.
  void warmUp(io, runners).catch(() => undefined);
  rest();
  await ended;
  trace('resident: ending');
  watcher?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runners.close();
  return EXIT.ok;
}

/**
 * How many runners one user may have at once. Each holds about 130 MB and a waiting
 * interpreter until its quiet spell ends; a learner who runs from several folders or
 * shells would otherwise start one for each. Beyond this, `run` simply runs by itself.
 */
export const MAX_RUNNERS = 3;

/** Runners other than this one that answer on a socket in `dir` (Windows pipes are not counted). */
async function liveRunners(dir: string, own: string): Promise<number> {
  if (process.platform === 'win32') return 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const others = names.filter((name) => name.endsWith('.sock')).map((name) => join(dir, name)).filter((path) => path !== own);
  const live = await Promise.all(others.map(answers));
  return live.filter(Boolean).length;
}

/** Listen on `path`, taking over a socket file left by a runner that died; undefined when a live runner has it. */
async function claim(path: string): Promise<Server | undefined> {
  if (process.platform !== 'win32') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // In a shared temporary folder, only a folder of our own is safe to listen in.
    const owner = statSync(dirname(path)).uid;
    if (process.getuid !== undefined && owner !== process.getuid()) return undefined;
  }
  try {
    return await listen(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  }
  if (await answers(path)) return undefined;
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
  try {
    return await listen(path);
  } catch {
    // Lost a race with another runner starting: it serves.
    return undefined;
  }
}

/**
 * Closing the server removes its socket file, but a runner ended by a signal
 * (main.ts exits at once) would leave it: clients would then find a socket nobody
 * answers, and run by themselves until the next runner took it over. Removed only
 * while it is still this runner's, not one that took the path over since.
 */
function removeSocketAtExit(path: string): void {
  if (process.platform === 'win32') return;
  const ours = statSync(path).ino;
  process.once('exit', () => {
    try {
      if (statSync(path).ino === ours) unlinkSync(path);
    } catch {
      // Already removed by the server's close.
    }
  });
}

function listen(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

const MAX_REQUEST = 64 * 1024;

/** The first line a client sends is its request; anything else is refused. */
function readRequest(socket: Socket, onRequest: (request: ResidentRequest) => void): void {
  socket.setEncoding('utf8');
  let buffered = '';
  const onData = (chunk: string): void => {
    const { messages, rest } = decodeMessages(buffered + chunk);
    buffered = rest;
    const [first] = messages;
    if (messages.length === 0) {
      // A request is a few hundred bytes: whatever keeps sending without a line end is not a client.
      if (buffered.length > MAX_REQUEST) {
        socket.off('data', onData);
        refuse(socket, 'request too long');
      }
      return;
    }
    socket.off('data', onData);
    if (!isRequest(first)) return refuse(socket, 'not a request this runner understands');
    const eligible = residentEligibility(first.argv, {});
    if (!eligible.ok) return refuse(socket, eligible.why);
    onRequest(first);
  };
  socket.on('data', onData);
  socket.on('error', () => undefined);
}

function refuse(socket: Socket, why: string): void {
  send(socket, { type: 'refused', why });
  socket.end();
}

function send(socket: Socket, reply: ResidentReply): void {
  if (!socket.destroyed && socket.writable) socket.write(encodeMessage(reply));
}

/** Run the request's command as the client's process would, writing to its socket. */
async function serve(socket: Socket, request: ResidentRequest, base: Io, runners: KeptRunners): Promise<void> {
  // The client is gone (Ctrl-C): its run is stopped, and nothing is recorded.
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  socket.once('close', abort);
  if (socket.destroyed) return;
  trace(`resident: request ${request.argv.join(' ')}`);
  const io: Io = {
    stdout: { ...terminal(request.stdout), write: (text: string) => send(socket, { type: 'stdout', text }) },
    stderr: { ...terminal(request.stderr), write: (text: string) => send(socket, { type: 'stderr', text }) },
    stdin: NO_INPUT,
    cwd: base.cwd,
    env: base.env,
    color: request.color,
    runners,
    signal: controller.signal,
  };
  let code: number = EXIT.internal;
  try {
    const { runCli } = await import('../cli/program.js');
    code = await runCli(request.argv, io);
  } catch (error) {
    send(socket, { type: 'stderr', text: `internal error: ${error instanceof Error ? error.message : String(error)}\n` });
  }
  socket.off('close', abort);
  send(socket, { type: 'exit', code });
  socket.end();
  trace(`resident: answered ${code}`);
}

/** What the client said about its terminal, and nothing else it may have sent. */
function terminal(facts: TerminalFacts): TerminalFacts {
  const size = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);
  const columns = size(facts.columns);
  const rows = size(facts.rows);
  return { isTTY: facts.isTTY, ...(columns === undefined ? {} : { columns }), ...(rows === undefined ? {} : { rows }) };
}

/** `run` reads nothing from a terminal; a handed-off command has none. */
const NO_INPUT: InputStream = {
  isTTY: false,
  on: () => undefined,
  off: () => undefined,
  resume: () => undefined,
  pause: () => undefined,
};

/**
 * Warm up what a plain `run` in this workspace will use: Vitest, its worker thread
 * and the testing kit, by running the first exercise's suite on its reference
 * solution. The learner's own code is not run until they ask.
 */
async function warmUp(io: Io, runners: KeptRunners): Promise<void> {
  const quiet: Io = { ...io, stdout: { write: () => true }, stderr: { write: () => true } };
  const { openWorkspace } = await import('../cli/context.js');
  const { courseRunnerOptions } = await import('../cli/commands/run.js');
  const { COURSE_ROOT } = await import('../workspace/course.js');
  const context = await openWorkspace(quiet);
  const [first] = context.course.exercises;
  await runners.use(courseRunnerOptions(context, {}), async (runner) => {
    if (first !== undefined) await runner.run(first, join(COURSE_ROOT, 'solutions'));
  });
  trace('resident: warm');
}
