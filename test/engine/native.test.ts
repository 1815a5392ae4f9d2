/** The native bridge itself: one CPython process, requests over private pipes. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BridgeCrashError, BridgeTimeoutError, type PythonInterpreter } from '../../src/engine/engine.js';
import { startNative } from '../../src/engine/native.js';
import { liveChildCount } from '../../src/engine/processes.js';
import { parseFaulthandler } from '../../src/core/failures.js';
import { testPython } from '../helpers/python.js';

let dir: string;
let python: string;
let interpreter: PythonInterpreter | undefined;

beforeAll(async () => {
  python = await testPython();
  dir = mkdtempSync(join(tmpdir(), 'advpy-native-'));
});
afterEach(async () => {
  await interpreter?.close();
  interpreter = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(source: string, fakeTime = false): Promise<PythonInterpreter> {
  const path = join(dir, `mod_${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(path, source);
  interpreter = await startNative({ python, cwd: dir, outputCap: 1000 });
  const imported = await interpreter.request({ op: 'import', path, fakeTime }, 10_000);
  expect(imported.ok, JSON.stringify(imported)).toBe(true);
  return interpreter;
}

describe('the native bridge', () => {
  test("a learner's raw writes to fd 1 and 2 cannot corrupt the protocol", async () => {
    const py = await start('import os\ndef noisy():\n    os.write(1, b"{not json\\n")\n    os.write(2, b"}}\\n")\n    print("captured")\n    return 7\n');
    const response = await py.request({ op: 'call', target: 'ex.noisy' }, 5000);
    expect(response).toMatchObject({ ok: true, value: 7, stdout: 'captured\n' });
  });

  test('values JSON cannot carry come back as type and repr; big ints exactly', async () => {
    const py = await start('x = 1\n');
    const response = await py.request({ op: 'eval', code: '[2**70, {1, 2}, (1, "a"), None]' }, 5000);
    expect(response.ok && response.value).toEqual([
      { __py__: { type: 'int', repr: '1180591620717411303424' } },
      { __py__: { type: 'set', repr: '{1, 2}' } },
      [1, 'a'],
      null,
    ]);
  });

  test('exceptions carry type, message and frames marked as the learner\'s', async () => {
    const py = await start('def fail():\n    raise ValueError("bad value")\n');
    const response = await py.request({ op: 'call', target: 'ex.fail' }, 5000);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error).toMatchObject({ type: 'ValueError', message: 'bad value' });
    expect(response.error.frames.filter((frame) => frame.learner)).toEqual([expect.objectContaining({ line: 2, name: 'fail' })]);
    expect(response.error.frames.some((frame) => frame.file.includes('_advpy_kata'))).toBe(false);
  });

  test('output past the cap is counted, not kept', async () => {
    const py = await start('def spam():\n    print("y" * 5000)\n');
    const response = await py.request({ op: 'call', target: 'ex.spam' }, 5000);
    expect(response.stdout.length).toBe(1000);
    expect(response.truncated.stdout).toBe(4001);
  });

  test('dev-mode warnings are reported, e.g. a file left open', async () => {
    const py = await start(`def leak():\n    open(${JSON.stringify(join(dir, 'leak.txt'))}, "w")\n`);
    const response = await py.request({ op: 'call', target: 'ex.leak' }, 5000);
    expect(response.warnings.map((warning) => warning.category)).toContain('ResourceWarning');
  });

  test('the fake clock fakes `from time import sleep` and stays still while real time passes', async () => {
    const py = await start('from time import sleep, monotonic\ndef nap():\n    sleep(2.5)\n    return monotonic()\n', true);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // Nothing but the learner's code may move the fake clock (the bridge's own waits stay real).
    expect(await py.request({ op: 'eval', code: '[clock.now, clock.sleeps]' }, 5000)).toMatchObject({ ok: true, value: [1000, []] });
    const started = Date.now();
    const response = await py.request({ op: 'call', target: 'ex.nap' }, 5000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response).toMatchObject({ ok: true, value: 1002.5 });
  });

  test('a hang times out with every thread\'s stack, and the process is gone', async () => {
    const py = await start('def spin():\n    n = 0\n    while True:\n        n += 1\n');
    const error = await py.request({ op: 'call', target: 'ex.spin' }, 500).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeTimeoutError);
    const threads = parseFaulthandler((error as BridgeTimeoutError).stacks);
    expect(threads.flatMap((thread) => thread.frames).some((frame) => frame.name === 'spin' && frame.line >= 3)).toBe(true);
    await expect(py.request({ op: 'eval', code: '1' }, 1000)).rejects.toBeInstanceOf(BridgeCrashError);
  });

  test('os._exit is reported as a crash, not a hang', async () => {
    const py = await start('import os\ndef leave():\n    os._exit(4)\n');
    const error = await py.request({ op: 'call', target: 'ex.leave' }, 5000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BridgeCrashError);
    expect((error as BridgeCrashError).exitCode).toBe(4);
  });

  test('closing leaves no child process behind', async () => {
    const before = liveChildCount();
    const py = await start('x = 1\n');
    expect(liveChildCount()).toBe(before + 1);
    await py.close();
    interpreter = undefined;
    expect(liveChildCount()).toBe(before);
  });
});
