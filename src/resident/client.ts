/**
 * The command's side of the resident runner: hand `run` to a runner that is
 * already warm, and print what it sends; or, when there is none, let the command
 * run in this process (which then starts a runner for the next `run`: start.ts).
 *
 * Loaded by bin/ before the rest of the CLI, as one self-contained file
 * (scripts/bundle.mjs), so a handed-off `run` never loads commander or Vitest.
 * Anything unexpected (no runner, a stale or silent one, a lost connection) falls
 * back to running the command here: the runner only ever makes `run` faster, never
 * different.
 */
import { connect } from 'node:net';
import {
  RESIDENT_PROTOCOL,
  decodeMessages,
  encodeMessage,
  isReply,
  residentEligibility,
  type ResidentRequest,
} from '../core/resident-protocol.js';
import { wantsColor } from '../cli/io.js';
import { trace } from '../trace.js';
import { residentAddress, type ResidentAddress } from './address.js';

/**
 * How long a runner has to say it took the request. It answers at once even while
 * busy (requests queue), so silence means it is stuck, and the command runs here.
 */
const ACCEPT_WAIT_MS = 3000;

type Answer = { code: number } | 'absent' | 'stale' | 'refused' | 'lost';

/** The exit code of the command as a resident runner ran it; undefined when this process must run it. */
export async function handOff(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<number | undefined> {
  trace('client: loaded');
  if (!residentEligibility(argv, env).ok) return undefined;
  const address = residentAddress(env, cwd);
  trace(`client: asking ${address.id}`);
  const answer = await ask(address, argv);
  trace(`client: answer ${typeof answer === 'object' ? answer.code : answer}`);
  if (answer === 'lost') process.stderr.write('advpy-kata: the background runner stopped before the run ended; running it here instead.\n');
  return typeof answer === 'object' ? answer.code : undefined;
}

function ask(address: ResidentAddress, argv: readonly string[]): Promise<Answer> {
  // Built before connecting: the first touch of process.stdout creates its stream, which takes a few ms.
  const requestLine = encodeMessage(request(argv));
  trace('client: request built');
  return new Promise((resolve) => {
    const socket = connect(address.path);
    socket.setEncoding('utf8');
    let connected = false;
    let settled = false;
    let buffered = '';
    let acceptTimer: NodeJS.Timeout | undefined;

    // Ctrl-C: the runner stops the run when the connection closes; this process just leaves.
    const interrupted = (code: number, word: string) => (): void => {
      process.stderr.write(`\n${word}. Stopping Python…\n`);
      socket.destroy();
      process.exit(code);
    };
    const onInt = interrupted(130, 'Interrupted');
    const onTerm = interrupted(143, 'Terminated');
    // `run | head -1`: the reader left, which is its choice; as main.ts does, stop quietly.
    const onPipeError = (error: NodeJS.ErrnoException): void => {
      if (error.code !== 'EPIPE') throw error;
      socket.destroy();
      process.exit(0);
    };

    const settle = (answer: Answer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(acceptTimer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.stdout.off('error', onPipeError);
      process.stderr.off('error', onPipeError);
      if (typeof answer === 'object') socket.end();
      else socket.destroy();
      resolve(answer);
    };

    socket.on('connect', () => {
      trace('client: connected');
      connected = true;
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      process.stdout.on('error', onPipeError);
      process.stderr.on('error', onPipeError);
      acceptTimer = setTimeout(() => settle('lost'), ACCEPT_WAIT_MS);
    });
    // Queued until the socket connects, so the request leaves without waiting a turn of the event loop.
    socket.write(requestLine);
    socket.on('data', (chunk: string) => {
      const { messages, rest } = decodeMessages(buffered + chunk);
      buffered = rest;
      for (const message of messages) {
        if (!isReply(message) || settled) continue;
        switch (message.type) {
          case 'accepted':
            clearTimeout(acceptTimer);
            break;
          case 'stdout':
            process.stdout.write(message.text);
            break;
          case 'stderr':
            process.stderr.write(message.text);
            break;
          case 'exit':
            settle({ code: message.code });
            break;
          case 'stale':
            settle('stale');
            break;
          case 'refused':
            settle('refused');
            break;
        }
      }
    });
    // Nothing listening (no socket file, or one left by a runner that was killed): run here.
    socket.on('error', () => settle(connected ? 'lost' : 'absent'));
    socket.on('close', () => settle(connected ? 'lost' : 'absent'));
  });
}

function request(argv: readonly string[]): ResidentRequest {
  const facts = (stream: NodeJS.WriteStream) => ({
    isTTY: stream.isTTY === true,
    ...(stream.columns === undefined ? {} : { columns: stream.columns }),
    ...(stream.rows === undefined ? {} : { rows: stream.rows }),
  });
  return { protocol: RESIDENT_PROTOCOL, argv: [...argv], stdout: facts(process.stdout), stderr: facts(process.stderr), color: wantsColor(process.env, process.stdout) };
}
