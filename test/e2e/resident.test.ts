/**
 * The resident runner through the built CLI, as a learner's terminal or editor task
 * runs it: the first `run` starts a runner, later ones are handed to it and must
 * print, exit and record exactly what a `run` in its own process would.
 * Needs `npm run build` first (npm test does it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { memoryIo } from '../helpers/io.js';
import { processesIn } from '../helpers/leftovers.js';
import { testPython } from '../helpers/python.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
const STUB = join(PACKAGE_ROOT, 'exercises', '01_decorators', '01_logged.py');
const SOLUTION = join(PACKAGE_ROOT, 'solutions', '01_decorators', '01_logged.py');
let root: string;
let template: string;
let python: string;
let copies = 0;
/** Every workspace a test made, so no runner outlives the file. */
const made: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'advpy-resident-'));
  template = join(root, 'template');
  python = await testPython();
  expect(await runCli(['init', template, '--no-git', '--no-install'], memoryIo(root, { ADVPY_CACHE_DIR: join(root, 'cache') }))).toBe(0);
});
afterEach(() => {
  for (const workspace of made.splice(0)) for (const process of processesIn(workspace)) kill(process.pid);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

interface Setup {
  workspace: string;
  env: NodeJS.ProcessEnv;
  trace: string;
  learnerFile: string;
}

/** A fresh workspace whose `run`s may use a resident runner, traced to a file of its own. */
function setup(extra: NodeJS.ProcessEnv = {}): Setup {
  const workspace = join(root, `ws${++copies}`);
  spawnSync('cp', ['-r', template, workspace]);
  made.push(workspace);
  const trace = join(root, `trace${copies}.log`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ADVPY_PYTHON: python,
    ADVPY_CACHE_DIR: join(root, 'cache'),
    NO_COLOR: '1',
    ADVPY_TRACE: trace,
    // The project's tests turn runners off (vitest.config.ts), and CI may set CI=true: ask for one.
    ADVPY_RESIDENT: '1',
    ADVPY_RESIDENT_IDLE_S: '60',
    ...extra,
  };
  return { workspace, env, trace, learnerFile: join(workspace, 'exercises', '01_decorators', '01_logged.py') };
}

function run(setup: Setup, args: string[] = ['run', '01']): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: setup.workspace, env: setup.env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function traceLines(setup: Setup): string[] {
  return existsSync(setup.trace) ? readFileSync(setup.trace, 'utf8').split('\n') : [];
}

/**
 * The pid of the runner that listens for this workspace, once it does. Requests that
 * come while it warms up wait their turn, so listening is enough.
 */
async function runnerPid(setup: Setup, after = 0): Promise<number> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    const lines = traceLines(setup).filter((line) => line.includes('resident: listening'));
    const line = lines[lines.length - 1];
    const pid = Number(line?.split(' ')[1]?.split('/')[0]);
    if (line !== undefined && pid !== after) return pid;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no resident runner became ready; trace:\n${traceLines(setup).join('\n')}`);
}

/** The socket the runner of this workspace listens on, from its trace. */
function socketOf(setup: Setup): string {
  return traceLines(setup).find((line) => line.includes('resident: listening on'))?.split('listening on ')[1] ?? '';
}

/** `run 01` on a learner file that loops forever, in the background, with what it prints. */
function startLoopingRun(setup: Setup): { exited: Promise<number | null>; stdout: () => string; stderr: () => string; kill: (signal: NodeJS.Signals) => void } {
  writeFileSync(setup.learnerFile, 'while True:\n    pass\n');
  const child = spawn(process.execPath, [BIN, 'run', '01'], { cwd: setup.workspace, env: setup.env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { exited, stdout: () => stdout, stderr: () => stderr, kill: (signal) => child.kill(signal) };
}

/** Requests the runner took so far. */
function handedOff(setup: Setup): number {
  return traceLines(setup).filter((line) => line.includes('resident: request')).length;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  for (let waited = 0; waited < limitMs; waited += 100) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('a resident runner', () => {
  test('answers later runs exactly as a run in its own process would: output, exit code and recorded progress', async () => {
    const ws = setup();
    const inProcess = run(ws);
    expect(inProcess.code, inProcess.err).toBe(1);
    expect(handedOff(ws)).toBe(0);
    await runnerPid(ws);

    const failing = run(ws);
    expect(handedOff(ws), 'the second run was handed to the runner').toBe(1);
    expect(failing).toEqual(inProcess);

    copyFileSync(SOLUTION, ws.learnerFile);
    const passing = run(ws);
    expect(handedOff(ws)).toBe(2);
    expect(passing.code, passing.err).toBe(0);
    expect(passing.out).toContain('01_logged passed!');
    // Progress was recorded by the runner, in the learner's state file.
    const list = spawnSync(process.execPath, [BIN, 'list', '--json'], { cwd: ws.workspace, env: ws.env, encoding: 'utf8' });
    const listed = JSON.parse(list.stdout) as Array<{ name: string; state: string }>;
    expect(listed.find((exercise) => exercise.name === 'logged')?.state).toBe('done');
    expect(listed.find((exercise) => exercise.name === 'wraps')?.state).toBe('current');

    // The file as saved is what runs: back to the stub, back to failing.
    copyFileSync(STUB, ws.learnerFile);
    expect(run(ws)).toEqual(inProcess);
    expect(handedOff(ws)).toBe(3);
  });

  test('switching engines between runs: each handed-off run gives the verdict of a run in its own process on that engine', async () => {
    const ws = setup();
    const alone = (engine: string) => run({ ...ws, env: { ...ws.env, ADVPY_RESIDENT: '0' } }, ['run', '01', '--engine', engine]);
    const expected = { native: alone('native'), embedded: alone('embedded') };
    expect(expected.native.code).toBe(1);
    expect(expected.embedded.code).toBe(1);
    run(ws, ['run', '01', '--engine', 'native']);
    await runnerPid(ws);
    for (const engine of ['embedded', 'native', 'embedded'] as const) {
      expect(run(ws, ['run', '01', '--engine', engine]), engine).toEqual(expected[engine]);
    }
    expect(handedOff(ws)).toBe(3);
  });

  test('a command it does not take (--edit, --help) runs in its own process', async () => {
    const ws = setup({ VISUAL: 'true' });
    run(ws);
    await runnerPid(ws);
    const help = run(ws, ['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--timeline');
    const edit = run(ws, ['run', '01', '--edit']);
    expect(edit.code).toBe(1);
    expect(handedOff(ws)).toBe(0);
  });

  test('Ctrl-C in a handed-off run stops its Python, exits 130, and leaves the runner ready for the next run', async () => {
    // A limit longer than the test: only Ctrl-C can end the loop.
    const ws = setup({ ADVPY_TIMEOUT_MS: '60000' });
    run(ws);
    const pid = await runnerPid(ws);
    const looped = startLoopingRun(ws);
    await until(() => handedOff(ws) === 1, 'the runner took the run');
    // The run's interpreter runs in the exercise's folder (the warm-up's ran elsewhere).
    const pythons = (): number[] => processesIn(ws.workspace).filter((process) => process.command.includes('advpy_native')).map((process) => process.pid);
    await until(() => pythons().length > 0, 'the run started its Python');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const looping = pythons();
    expect(looping.length).toBeGreaterThan(0);
    looped.kill('SIGINT');
    expect(await looped.exited).toBe(130);
    expect(looped.stderr()).toContain('Interrupted');
    // The loop's interpreter is ended by the runner; the runner itself stays.
    await until(() => !looping.some(alive), 'the looping Python ended');
    expect(alive(pid)).toBe(true);

    copyFileSync(SOLUTION, ws.learnerFile);
    const after = run(ws);
    expect(after.code, after.err).toBe(0);
    expect(handedOff(ws)).toBe(2);
    // The interrupted run recorded nothing: one failing attempt (the first run), then the pass.
    const state = JSON.parse(readFileSync(join(ws.workspace, '.advpy-kata', 'state.json'), 'utf8')) as { exercises: Record<string, { status: string; attempts: number }> };
    expect(state.exercises['01_logged']).toMatchObject({ status: 'done', attempts: 1 });
  });

  test('a runner that was killed leaves a socket file behind; the next run runs by itself and starts a new runner', async () => {
    const ws = setup();
    run(ws);
    const first = await runnerPid(ws);
    const doctor = (): { state: string; socket?: string } => JSON.parse(run(ws, ['doctor', '--json']).out).resident;
    expect(doctor()).toMatchObject({ state: 'running', idleSeconds: 60 });
    process.kill(first, 'SIGKILL');
    await until(() => !alive(first), 'the runner died');
    const sockets = readdirSync(join(root, 'cache', 'resident'));
    expect(sockets.length).toBeGreaterThan(0);
    expect(doctor().state).toBe('not running');

    const result = run(ws);
    expect(result.code, result.err).toBe(1);
    expect(result.err).toBe('');
    expect(handedOff(ws)).toBe(0);
    const second = await runnerPid(ws, first);
    expect(second).not.toBe(first);
    expect(run(ws).code).toBe(1);
    expect(handedOff(ws)).toBe(1);
  });

  test('a runner that dies during a run: the command says so and runs it by itself', async () => {
    const ws = setup({ ADVPY_TIMEOUT_MS: '3000' });
    run(ws);
    const pid = await runnerPid(ws);
    const looped = startLoopingRun(ws);
    await until(() => handedOff(ws) === 1, 'the runner took the run');
    process.kill(pid, 'SIGKILL');
    // Run here instead, to the same verdict: the loop hits the time limit.
    expect(await looped.exited).toBe(1);
    expect(looped.stderr()).toContain('the background runner stopped before the run ended; running it here instead');
    expect(looped.stdout()).toContain('Python did not finish within 3 s, so it was stopped.');
  });

  test('ends itself after ADVPY_RESIDENT_IDLE_S quiet seconds, with its interpreters and its socket', async () => {
    const ws = setup({ ADVPY_RESIDENT_IDLE_S: '2' });
    run(ws);
    const pid = await runnerPid(ws);
    const socket = socketOf(ws);
    expect(existsSync(socket)).toBe(true);
    await until(() => !alive(pid), 'the idle runner ended', 30_000);
    expect(existsSync(socket)).toBe(false);
    await until(() => processesIn(ws.workspace).length === 0, 'its interpreters ended');
  });

  test('ended by SIGTERM, it ends its interpreters and removes its socket', async () => {
    const ws = setup();
    run(ws);
    const pid = await runnerPid(ws);
    const socket = socketOf(ws);
    expect(run(ws).code).toBe(1);
    expect(handedOff(ws)).toBe(1);
    process.kill(pid, 'SIGTERM');
    await until(() => !alive(pid), 'the runner ended');
    expect(existsSync(socket)).toBe(false);
    await until(() => processesIn(ws.workspace).length === 0, 'its interpreters ended');
  });

  test('refuses what is not a `run` it takes: another command, a line that is not a request, a request that never ends', async () => {
    const ws = setup();
    run(ws);
    await runnerPid(ws);
    const socket = socketOf(ws);
    const ask = (text: string): Promise<string> =>
      new Promise((resolve) => {
        const connection = connect(socket);
        let answer = '';
        connection.setEncoding('utf8');
        connection.on('data', (chunk: string) => (answer += chunk));
        connection.on('close', () => resolve(answer));
        connection.on('error', () => resolve(answer));
        connection.write(text);
      });
    const terminal = { isTTY: false };
    expect(await ask(`${JSON.stringify({ protocol: 1, argv: ['verify', '--solutions'], stdout: terminal, stderr: terminal, color: false })}\n`)).toBe(
      `${JSON.stringify({ type: 'refused', why: 'only `run` is handed off' })}\n`,
    );
    expect(await ask('hello\n{"type":"stdout","text":"x"}\n')).toContain('"type":"refused"');
    expect(await ask('x'.repeat(200_000))).toContain('request too long');
    // Still serving.
    expect(run(ws).code).toBe(1);
    expect(handedOff(ws)).toBe(1);
  });

  test('is not started while three others serve this user; once one ends, it is', async () => {
    const cache = join(root, 'cache-crowded');
    const ws = setup({ ADVPY_CACHE_DIR: cache });
    mkdirSync(join(cache, 'resident'), { recursive: true, mode: 0o700 });
    // Stand-ins for three runners of other folders: anything that answers on a socket there.
    const others = await Promise.all(
      ['a', 'b', 'c'].map(
        (name) =>
          new Promise<Server>((resolve) => {
            const server = createServer((socket) => socket.destroy());
            server.listen(join(cache, 'resident', `${name}.sock`), () => resolve(server));
          }),
      ),
    );
    expect(run(ws).code).toBe(1);
    await until(() => traceLines(ws).some((line) => line.includes('runners already serve this user')), 'the new runner gave up');
    expect(traceLines(ws).some((line) => line.includes('resident: listening'))).toBe(false);

    await new Promise((resolve) => others[0]!.close(resolve));
    expect(run(ws).code).toBe(1);
    await runnerPid(ws);
    for (const server of others.slice(1)) server.close();
  });

  test('is never started with ADVPY_RESIDENT=0, or under CI', async () => {
    for (const extra of [{ ADVPY_RESIDENT: '0' }, { ADVPY_RESIDENT: '', CI: 'true' }]) {
      const ws = setup(extra);
      expect(run(ws).code).toBe(1);
      expect(run(ws).code).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(traceLines(ws).filter((line) => line.includes('resident:'))).toEqual([]);
      expect(processesIn(ws.workspace)).toEqual([]);
    }
  });
});
