/**
 * Watch mode owns its runs: q, Ctrl-C, SIGTERM or a save while the learner's code
 * hangs stop it at once, with the right exit code, and no process from the run
 * is left, not even a child that left the process group. The built CLI in a
 * pseudo-terminal with real CPython; needs `npm run build` first (npm test does it).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { memoryIo } from '../helpers/io.js';
import { leftoversIn, processesIn } from '../helpers/leftovers.js';
import { PtySession } from '../helpers/pty.js';
import { testPython } from '../helpers/python.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
/** The time limit while the learner's code hangs: a stop that waited it out would fail every test here. */
const HANG_LIMIT_MS = 60_000;
/** "At once", with room for a loaded machine; far below the hang limit. */
const PROMPTLY_MS = 3_000;
let root: string;
let workspace: string;
let exercisesDir: string;
let env: NodeJS.ProcessEnv;
let session: PtySession | undefined;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'advpy-watch-stop-'));
  workspace = join(root, 'ws');
  exercisesDir = join(workspace, 'exercises');
  expect(await runCli(['init', workspace, '--no-git', '--no-install'], memoryIo(root))).toBe(0);
  env = {
    ...process.env,
    ADVPY_PYTHON: await testPython(),
    ADVPY_CACHE_DIR: join(root, 'cache'),
    ADVPY_TIMEOUT_MS: String(HANG_LIMIT_MS),
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  };
});
afterEach(async () => {
  session?.kill();
  session = undefined;
  // No process from the run is left: the bridge and anything the learner's code started run in the exercise folder.
  expect(await leftoversIn(exercisesDir)).toEqual([]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const learner = (): string => join(workspace, 'exercises', '01_decorators', '01_logged.py');
const fixture = (name: string): string => join(PACKAGE_ROOT, 'test', 'fixtures', 'outcomes', `${name}.py`);
const solution = join(PACKAGE_ROOT, 'solutions', '01_decorators', '01_logged.py');

/** Python processes running the learner's code right now. */
const bridges = (): number => processesIn(exercisesDir).filter(({ command }) => command.includes('advpy_native.py')).length;

/** Start watch on a learner file that hangs, and wait until Python spins in it. */
async function startHanging(): Promise<PtySession> {
  copyFileSync(fixture('infinite_loop'), learner());
  const started = new PtySession(`node ${BIN}`, workspace, env);
  session = started;
  await started.waitFor(/q quit/);
  await expect.poll(bridges, { timeout: 20_000 }).toBeGreaterThan(0);
  // Inside the learner's loop, not still starting up: its prints are being captured.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return started;
}

async function timed<T>(action: () => void, until: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  action();
  const value = await until;
  return { value, ms: performance.now() - started };
}

test('q during a hanging run exits 0 at once and leaves no Python', { timeout: 60_000 }, async () => {
  const watch = await startHanging();
  const { value: code, ms } = await timed(() => watch.press('q'), watch.exited);
  expect(code).toBe(0);
  expect(ms, 'from q to the shell prompt').toBeLessThan(PROMPTLY_MS);
  expect(watch.text()).toContain('Bye!');
});

test('Ctrl-C during a hanging run exits 130 at once', { timeout: 60_000 }, async () => {
  const watch = await startHanging();
  const { value: code, ms } = await timed(() => watch.press('\u0003'), watch.exited);
  expect(code).toBe(130);
  expect(ms, 'from Ctrl-C to the shell prompt').toBeLessThan(PROMPTLY_MS);
  expect(watch.text()).toContain('Stopped.');
});

test('SIGTERM during a hanging run exits 143 at once', { timeout: 60_000 }, async () => {
  const watch = await startHanging();
  const cli = processesIn(workspace).find(({ command }) => command.includes('advpy-kata.js') && !command.startsWith('script'));
  expect(cli, 'the CLI process').toBeDefined();
  const { value: code, ms } = await timed(() => process.kill(cli?.pid as number, 'SIGTERM'), watch.exited);
  expect(code).toBe(143);
  expect(ms, 'from SIGTERM to exit').toBeLessThan(PROMPTLY_MS);
});

test('a save during a hanging run starts the new run at once and shows its verdict', { timeout: 60_000 }, async () => {
  const watch = await startHanging();
  const mark = watch.mark();
  const started = performance.now();
  copyFileSync(solution, learner());
  await watch.waitFor(/01_logged passes!/, mark, PROMPTLY_MS * 2);
  const ms = performance.now() - started;
  expect(ms, 'from the save to its verdict').toBeLessThan(PROMPTLY_MS * 2);
  // The hang's verdict never reached the screen: it was cancelled, not reported.
  expect(watch.text().slice(mark)).not.toMatch(/did not finish within/);
  watch.press('q');
  expect(await watch.exited).toBe(0);
  expect(JSON.parse(readFileSync(join(workspace, '.advpy-kata', 'state.json'), 'utf8')).exercises['01_logged'].status).toBe('done');
});

test("a learner's child that calls os.setsid() does not survive the run", { timeout: 60_000 }, async () => {
  copyFileSync(fixture('escapes_group'), learner());
  const watch = new PtySession(`node ${BIN}`, workspace, env);
  session = watch;
  await watch.waitFor(/01_logged passes!/);
  // The run is over while watch mode still runs: the daemon must already be gone.
  expect((await leftoversIn(exercisesDir)).map(({ command }) => command)).toEqual([]);
  watch.press('q');
  expect(await watch.exited).toBe(0);
});
