/**
 * One watch session in a pseudo-terminal, measured: start-up to the first verdict,
 * save→verdict latencies (saves alternate the reference solution and the stub, so
 * every save changes the content and the verdict), then idle CPU and memory.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { PtySession } from '../test/helpers/pty.js';
import { cpuSeconds, percentile, rssMb } from './measure.js';

export const BIN = join(PACKAGE_ROOT, 'bin', 'advpy-kata.js');

export interface WatchFigures {
  firstVerdictMs: number;
  latencies: number[];
  p50: number;
  p90: number;
  /** Fraction of one core used over 5 s of idling, from 1 s after the last verdict. */
  idleCpu: number;
  rssMb: number;
}

export interface WatchBench {
  workspace: string;
  env: NodeJS.ProcessEnv;
  engine: 'native' | 'embedded';
  /** Course-relative stem, e.g. `01_decorators/01_logged`. */
  exercise: string;
  saves: number;
  /** Time between a verdict and the next save: a learner reads the verdict and edits before saving again. */
  pauseMs: number;
}

const VERDICT = /(\d+) passed, (\d+) failed\n(?!Re-running)/;
const VERDICT_ALL = new RegExp(VERDICT.source, 'g');

export async function benchWatch(bench: WatchBench): Promise<WatchFigures> {
  const learner = join(bench.workspace, 'exercises', `${bench.exercise}.py`);
  const solution = readFileSync(join(PACKAGE_ROOT, 'solutions', `${bench.exercise}.py`), 'utf8');
  const stub = readFileSync(join(PACKAGE_ROOT, 'exercises', `${bench.exercise}.py`), 'utf8');
  // Watch opens on the state's current exercise: make it the measured one, and unlock it
  // by marking every exercise before it done (a locked exercise's saves are kept, not run).
  const statePath = join(bench.workspace, '.advpy-kata', 'state.json');
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as { current: string; exercises: Record<string, { status: string }> };
  const current = bench.exercise.split('/')[1] ?? bench.exercise;
  for (const id of Object.keys(state.exercises)) {
    if (id === current) break;
    state.exercises[id] = { ...state.exercises[id], status: 'done' };
  }
  writeFileSync(statePath, `${JSON.stringify({ ...state, current }, null, 2)}\n`);

  const started = performance.now();
  const session = new PtySession(`node ${BIN} watch --engine ${bench.engine}`, bench.workspace, bench.env);
  try {
    await session.waitFor(/\d+ passed, \d+ failed[\s\S]*q quit/, 0, 120_000);
    const firstVerdictMs = performance.now() - started;
    const latencies: number[] = [];
    for (let index = 0; index < bench.saves; index++) {
      await new Promise((resolve) => setTimeout(resolve, bench.pauseMs));
      const toSolution = index % 2 === 0;
      const mark = session.mark();
      const saved = performance.now();
      writeFileSync(learner, `${toSolution ? solution : stub}\n# save ${index}\n`);
      // The redraw on save still shows the old verdict (with "Re-running…"); wait for the new one.
      // The latest verdict on screen decides: a redraw may repeat the old one first.
      for (;;) {
        const verdicts = [...(await session.waitFor(VERDICT, mark, 120_000)).matchAll(VERDICT_ALL)];
        const failed = Number(verdicts.at(-1)?.[2]);
        if (toSolution ? failed === 0 : failed > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      latencies.push(performance.now() - saved);
    }

    const pid = Number(execFileSync('pgrep', ['-n', '-f', `${BIN} watch`], { encoding: 'utf8' }).trim());
    // Idle means after the next run's interpreter is ready, which watch mode starts
    // 100 ms after a verdict: the 5 s window opens 1 s after the last one.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cpuBefore = cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idleCpu = (cpuSeconds(pid) - cpuBefore) / 5;
    const rss = rssMb(pid);
    return { firstVerdictMs, latencies, p50: percentile(latencies, 50), p90: percentile(latencies, 90), idleCpu, rssMb: rss };
  } finally {
    session.press('q');
    await Promise.race([session.exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    session.kill();
  }
}
