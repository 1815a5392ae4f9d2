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
  it('are reused for the same configuration, whatever the environment, and not for another', async () => {
    const kept = new KeptRunners();
    const first = await grab(kept, options('native'));
    expect(await grab(kept, { ...options('native'), env: { PATH: '/elsewhere' } })).toBe(first);
    expect(await grab(kept, options('native', 5000))).not.toBe(first);
    await kept.close();
  });

  it('are one at a time: another configuration closes the one before (a process has one warm Vitest thread)', async () => {
    const kept = new KeptRunners();
    const native = await grab(kept, options('native'));
    const embedded = await grab(kept, options('embedded'));
    expect(embedded).not.toBe(native);
    expect(await grab(kept, options('embedded'))).toBe(embedded);
    expect(await grab(kept, options('native'))).not.toBe(native);
    await kept.close();
  });

  it('serve one command at a time, in order', async () => {
    const kept = new KeptRunners();
    const order: string[] = [];
    const slow = kept.use(options('native'), async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      order.push('first');
    });
    const fast = kept.use(options('embedded'), async () => {
      order.push('second');
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['first', 'second']);
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
