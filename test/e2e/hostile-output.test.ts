/**
 * Learner output is data, never terminal commands, and never breaks a report.
 * Each hostile fixture (test/fixtures/outcomes) stands in for exercise 01 and goes
 * through `run`, through `verify` with the JSON and JUnit reporters, and through
 * watch mode in a pseudo-terminal: terminal commands, 10 MB of output, a 5 MB
 * exception message and lone surrogates. Needs `npm run build` (npm test does it).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { readJunit } from '../helpers/junit.js';
import { PtySession } from '../helpers/pty.js';
import { testPython } from '../helpers/python.js';
import { expectValidReport } from '../helpers/report-schema.js';
import { COURSE, Sandbox, writeProgress } from '../commands/_workspace.js';

const sandbox = new Sandbox();
afterAll(() => sandbox.remove());

const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
const [FIRST, SECOND] = COURSE.exercises;
const fixturePath = (name: string): string => join(PACKAGE_ROOT, 'test', 'fixtures', 'outcomes', `${name}.py`);

/**
 * What each fixture must show as text (its hostile part made visible, not obeyed):
 * in `run`'s full output, and on the watch screen, which cuts the detail to fit.
 */
const CASES: ReadonlyArray<[fixture: string, inRun: RegExp, onScreen: RegExp]> = [
  ['prints_escapes', /\\x1b\[\?1049hafter-alt/, /\\x1b\[\?1049hafter-alt/],
  ['prints_10mb', /output truncated: .*more character\(s\) not shown/, /xxxxxxxx\n[\s\S]*more line\(s\) not shown/],
  ['raises_5mb', /ValueError: spam spam[^\n]*more characters not shown/, /ValueError: spam spam/],
  ['prints_surrogates', /lone \\ud800 high and \\udfff low/, /lone \\ud800 high and \\udfff low/],
];
/** Terminal commands the fixtures send, which must never reach the terminal raw. */
const RAW_COMMANDS = ['\u001b[?1049h', '\u001b]0;pwned-title', '\u001b]8;;http://evil.example', '\u001b[2Jafter-clear'];

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  env = { ADVPY_PYTHON: await testPython(), NO_COLOR: '1', ADVPY_TIMEOUT_MS: '20000' };
}, 240_000);

describe.each(CASES)('%s', (fixture, inRun) => {
  test('run: exit 1, the hostile part shown as text and capped, no escape code at all (NO_COLOR)', async () => {
    const workspace = await sandbox.workspace(env);
    copyFileSync(fixturePath(fixture), join(workspace, 'exercises', FIRST!.workspacePath));
    const result = await sandbox.cli(['run', '01', '--engine', 'native'], workspace, env);
    expect(result.code, result.err).toBe(1);
    expect(result.out).toMatch(inRun);
    expect(result.out, 'no ESC, CSI or BEL from the learner').not.toMatch(/[\u001b\u009b\u0007]/);
    expect(result.out.length, 'the whole run prints less than 200 KB').toBeLessThan(200_000);
    expect(result.out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  }, 240_000);

  test('verify --done: the JSON report meets its schema and the JUnit report parses and conforms', async () => {
    const workspace = await sandbox.workspace(env);
    copyFileSync(fixturePath(fixture), join(workspace, 'exercises', FIRST!.workspacePath));
    writeProgress(workspace, [FIRST!.id], SECOND!.id);
    const json = join(workspace, 'results.json');
    const junit = join(workspace, 'junit.xml');
    const result = await sandbox.cli(['verify', '--done', '--engine', 'native', '--reporter', `json:${json}`, '--reporter', `junit:${junit}`], workspace, env);
    expect(result.code, result.err).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as unknown;
    expectValidReport(report);
    expect(JSON.stringify(report).length, 'the JSON report stays small').toBeLessThan(200_000);
    const xml = readFileSync(junit, 'utf8');
    await readJunit(xml); // throws, listing every problem, unless well-formed and conforming
    expect(xml).not.toMatch(/\u001b/);
    expect(xml.length, 'the JUnit report stays bounded (each test keeps at most 64 KB of output)').toBeLessThan(1_000_000);
  }, 240_000);
});

test('watch: after each hostile save the screen is redrawn whole, header first, and no learner command reaches the terminal', { timeout: 600_000 }, async () => {
  const workspace = await sandbox.workspace(env);
  const learner = join(workspace, 'exercises', FIRST!.workspacePath);
  const session = new PtySession(`node ${BIN} watch --engine native`, workspace, { ...process.env, ...sandbox.env(env), FORCE_COLOR: '0' }, { columns: 120, rows: 45 });
  try {
    await session.waitFor(/\d+ passed, \d+ failed[\s\S]*q quit/, 0, 60_000);
    for (const [fixture, , onScreen] of CASES) {
      const mark = session.mark();
      const rawMark = session.raw().length;
      copyFileSync(fixturePath(fixture), learner);
      const screen = await session.waitFor(new RegExp(`${onScreen.source}[\\s\\S]*q quit`), mark, 120_000);
      const raw = session.raw().slice(rawMark);
      for (const command of RAW_COMMANDS) expect(raw, `${fixture}: ${JSON.stringify(command)} reached the terminal`).not.toContain(command);
      // The last full redraw starts with the header, and fits the 45 rows.
      const lastFrame = screen.slice(screen.lastIndexOf('advpy-kata •'));
      expect(lastFrame.startsWith('advpy-kata • 01_logged'), `${fixture}: header first`).toBe(true);
      expect(lastFrame.split('\n').length, `${fixture}: the screen fits 45 rows`).toBeLessThanOrEqual(45);
      expect(raw.length, `${fixture}: bytes written for one verdict`).toBeLessThan(100_000);
    }
    session.press('q');
    expect(await session.exited).toBe(0);
  } finally {
    session.kill();
  }
});
