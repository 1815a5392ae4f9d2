/**
 * Which Vitest pool runs the suites: our warm pool, or Vitest's own `threads`.
 *
 * The warm pool (warm-pool.ts) speaks Vitest's internal worker protocol, so it is
 * only trusted on the Vitest it was written for. Anywhere else (a lockfile that
 * drifted, an npx install that resolved another vitest), the runner stays correct
 * on Vitest's public `threads` pool and says once that runs will be slower.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { WARM_POOL_VITEST_VERSION } from './warm-pool.js';

/** `ADVPY_WARM_POOL=0` (or `false`, `off`, `no`) forces Vitest's own pool: the escape hatch if the warm pool misbehaves. */
export const WARM_POOL_ENV = 'ADVPY_WARM_POOL';

export type PoolChoice = { kind: 'warm' } | { kind: 'threads'; notice: string };

const SLOWER = "runs use Vitest's own threads pool and will be slower (a fresh worker thread per run)";

/** Decide the pool from the running Vitest version (undefined when it cannot be read) and the environment. */
export function planSuitePool(vitestVersion: string | undefined, env: NodeJS.ProcessEnv): PoolChoice {
  const setting = env[WARM_POOL_ENV]?.trim().toLowerCase();
  if (setting !== undefined && ['0', 'false', 'off', 'no'].includes(setting)) {
    return { kind: 'threads', notice: `advpy-kata: ${WARM_POOL_ENV}=${env[WARM_POOL_ENV]?.trim()} is set, so ${SLOWER}.` };
  }
  if (vitestVersion !== WARM_POOL_VITEST_VERSION) {
    const running = vitestVersion === undefined ? 'an unknown Vitest' : `Vitest ${vitestVersion}`;
    return {
      kind: 'threads',
      notice: `advpy-kata: the warm pool was written for Vitest ${WARM_POOL_VITEST_VERSION}, but ${running} is installed, so ${SLOWER}.`,
    };
  }
  return { kind: 'warm' };
}

/**
 * The version of the vitest that `vitest/node` resolves to from here, read from its
 * package.json (the same resolution the runner's own import uses).
 */
export function readVitestVersion(): string | undefined {
  try {
    const path = createRequire(import.meta.url).resolve('vitest/package.json');
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}
