import { describe, expect, it } from 'vitest';
import type { CourseRunner, CourseRunnerOptions } from '../../src/runner/course-runner.js';
import { KeptRunners, freshRunners } from '../../src/runner/runner-source.js';
import { COURSE_ROOT } from '../../src/workspace/course.js';

// Discovery only: a runner starts Vitest on its first run, and none of these run anything.
const options = (engine: CourseRunnerOptions['engine'], timeoutMs?: number): CourseRunnerOptions => ({
  courseRoot: COURSE_ROOT,
  cacheDir: '/nonexistent-cache',
  engine,
  env: { PATH: '' },
  ...(timeoutMs === undefined ? {} : { timeoutMs }),
});

const grab = (source: KeptRunners, chosen: CourseRunnerOptions): Promise<CourseRunner> => source.use(chosen, async (runner) => runner);

describe('runners kept by a resident runner', () => {
  it('are reused for the same configuration, whatever the environment, and are separate for another', async () => {
    const kept = new KeptRunners();
    const first = await grab(kept, options('native'));
    expect(await grab(kept, { ...options('native'), env: { PATH: '/elsewhere' } })).toBe(first);
    expect(await grab(kept, options('embedded'))).not.toBe(first);
    expect(await grab(kept, options('native', 5000))).not.toBe(first);
    await kept.close();
  });

  it('are two at most: a third configuration drops the one used least recently', async () => {
    const kept = new KeptRunners();
    const native = await grab(kept, options('native'));
    const embedded = await grab(kept, options('embedded'));
    await grab(kept, options('native')); // native is now the most recent
    await grab(kept, options('auto'));
    expect(await grab(kept, options('native'))).toBe(native);
    expect(await grab(kept, options('embedded'))).not.toBe(embedded);
    await kept.close();
  });

  it('are made again after being forgotten (so a Python installed meanwhile is found)', async () => {
    const kept = new KeptRunners();
    const first = await grab(kept, options('native'));
    await kept.forget(options('native'));
    expect(await grab(kept, options('native'))).not.toBe(first);
    await kept.close();
  });
});

describe('fresh runners', () => {
  it('are new for every command', async () => {
    const first = await freshRunners.use(options('native'), async (runner) => runner);
    expect(await freshRunners.use(options('native'), async (runner) => runner)).not.toBe(first);
  });
});
