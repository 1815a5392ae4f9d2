/**
 * Save→verdict benchmark: drives a real watch session in a pseudo-terminal and
 * prints figures, with two baselines measured in the same run. No assertions:
 * it reports; people judge. Run with `npm run bench` (add `-- --engine embedded`).
 *
 *   naive baseline  a cold `vitest run` of the same suite (what a naive runner pays per save)
 *   floor           a bare python start plus an import of the exercise (no runner can beat it)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { PtySession } from '../test/helpers/pty.js';
import { testPython } from '../test/helpers/python.js';

const SAVES = Number(process.env.BENCH_SAVES ?? 24);
const engineArg = process.argv.includes('--engine') ? process.argv[process.argv.indexOf('--engine') + 1] ?? 'native' : 'native';
const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');
const EXERCISE = '01_logged';
const CHAPTER = '01_decorators';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const ms = (value: number): string => `${value.toFixed(0)} ms`;

function timeCommand(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const started = performance.now();
  const result = spawnSync(command, args, { ...options, stdio: 'ignore' });
  if (result.error) throw result.error;
  return performance.now() - started;
}

function median(run: () => number, times: number): number {
  return percentile(Array.from({ length: times }, run), 50);
}

/** CPU seconds used so far by a process (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const python = await testPython();
  const scratch = mkdtempSync(join(tmpdir(), 'advpy-bench-'));
  const workspace = join(scratch, 'ws');
  const env: NodeJS.ProcessEnv = { ...process.env, ADVPY_PYTHON: python, ADVPY_CACHE_DIR: join(scratch, 'cache'), NO_COLOR: '1' };
  execFileSync(process.execPath, [BIN, 'init', workspace, '--no-git', '--no-install'], { env, stdio: 'ignore' });
  const learner = join(workspace, 'exercises', CHAPTER, `${EXERCISE}.py`);
  const solution = readFileSync(join(PACKAGE_ROOT, 'solutions', CHAPTER, `${EXERCISE}.py`), 'utf8');
  const stub = readFileSync(join(PACKAGE_ROOT, 'exercises', CHAPTER, `${EXERCISE}.py`), 'utf8');

  console.log(`advpy-kata watch benchmark · engine ${engineArg} · ${SAVES} saves · node ${process.version} · ${python}`);

  // Start-up to first verdict.
  const started = performance.now();
  const session = new PtySession(`node ${BIN} watch --engine ${engineArg}`, workspace, env);
  await session.waitFor(/\d+ passed, \d+ failed[\s\S]*q quit/, 0, 60_000);
  const firstVerdict = performance.now() - started;

  // Save→verdict, alternating solution and stub (every save changes the content).
  const latencies: number[] = [];
  for (let index = 0; index < SAVES; index++) {
    const mark = session.mark();
    const toSolution = index % 2 === 0;
    const saved = performance.now();
    writeFileSync(learner, `${toSolution ? solution : stub}\n# save ${index}\n`);
    // The redraw on save still shows the old verdict (with "Re-running…"); wait for the new one.
    const verdict = toSolution ? /6 passed, 0 failed\n(?!Re-running)/ : /4 passed, 2 failed\n(?!Re-running)/;
    await session.waitFor(verdict, mark, 60_000);
    latencies.push(performance.now() - saved);
  }

  // Idle CPU and memory of the watch process (the node child of `script`).
  const pid = Number(execFileSync('pgrep', ['-n', '-f', `${BIN} watch`], { encoding: 'utf8' }).trim());
  const cpuBefore = cpuSeconds(pid);
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const idleCpu = (cpuSeconds(pid) - cpuBefore) / 5;
  const rss = rssMb(pid);
  session.press('q');
  await session.exited;

  // Naive baseline: a cold `vitest run` of the same suite, a fresh process each time.
  const configPath = join(scratch, 'vitest.cold.config.mjs');
  writeFileSync(
    configPath,
    `export default { root: ${JSON.stringify(PACKAGE_ROOT)}, resolve: { alias: { 'advpy-kata/testing': ${JSON.stringify(join(PACKAGE_ROOT, 'dist', 'testing', 'index.js'))} } },
      cacheDir: ${JSON.stringify(join(scratch, 'vite-cold'))},
      test: { include: ['exercises/${CHAPTER}/${EXERCISE}.test.ts'], reporters: ['dot'], provide: { advpy: ${JSON.stringify({
        targetRoot: join(workspace, 'exercises'),
        engine: 'native',
        python,
        callTimeoutMs: 10_000,
        suiteTimeoutMs: 10_000,
        outputCap: 65536,
        cacheDir: join(scratch, 'cache'),
      })} } } };\n`,
  );
  copyFileSync(join(PACKAGE_ROOT, 'solutions', CHAPTER, `${EXERCISE}.py`), learner);
  const vitestBin = join(PACKAGE_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const naive = median(() => timeCommand(process.execPath, [vitestBin, 'run', '--config', configPath], { cwd: PACKAGE_ROOT }), 5);

  // Floor: python start + import of the learner's file.
  const floor = median(
    () => timeCommand(python, ['-X', 'dev', '-B', '-c', `import sys; sys.path.insert(0, ${JSON.stringify(join(workspace, 'exercises', CHAPTER))}); import importlib; importlib.import_module(${JSON.stringify(EXERCISE)})`]),
    10,
  );

  // Commands that run nothing must start about as fast as node itself.
  const nodeBare = median(() => timeCommand(process.execPath, ['-e', '0']), 10);
  const hint = median(() => timeCommand(process.execPath, [BIN, 'hint', '01', '--all'], { cwd: workspace, env }), 10);
  // A one-shot run of a whole suite (the learner's file holds the solution now), against
  // the two processes it cannot avoid starting.
  const pythonBare = median(() => timeCommand(python, ['-c', 'pass']), 10);
  const runOnce = median(() => timeCommand(process.execPath, [BIN, 'run', '01', '--engine', engineArg], { cwd: workspace, env }), 5);

  const p50 = percentile(latencies, 50);
  const p90 = percentile(latencies, 90);
  console.log('');
  console.log(`save → verdict     p50 ${ms(p50)}   p90 ${ms(p90)}   (min ${ms(Math.min(...latencies))}, max ${ms(Math.max(...latencies))})`);
  console.log(`naive baseline     ${ms(naive)}  (cold vitest run of the same suite)   p50 ratio ${(p50 / naive).toFixed(3)}×`);
  console.log(`floor              ${ms(floor)}  (python start + import of the exercise)   p50 is ${(p50 / floor).toFixed(1)}× the floor`);
  console.log(`first verdict      ${ms(firstVerdict)}  (spawn → first results on screen)`);
  console.log(`idle CPU           ${(idleCpu * 100).toFixed(2)} % of one core over 5 s`);
  console.log(`RSS                ${rss.toFixed(0)} MB (watch process)`);
  console.log(`hint 01            ${ms(hint)} vs node -e 0 ${ms(nodeBare)}   ratio ${(hint / nodeBare).toFixed(2)}×`);
  console.log(`run 01             ${ms(runOnce)} vs python -c pass + node -e 0 = ${ms(pythonBare + nodeBare)}   ratio ${(runOnce / (pythonBare + nodeBare)).toFixed(2)}×`);
  rmSync(scratch, { recursive: true, force: true });
}

await main();
