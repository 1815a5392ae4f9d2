/** The native bridge itself: one CPython process, requests over private pipes. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { BridgeChannelError, BridgeCrashError, BridgeTimeoutError, BridgeVersionError, type PythonInterpreter } from '../../src/engine/engine.js';
import { BRIDGE_PROTOCOL_VERSION } from '../../src/core/protocol.js';
import { startNative } from '../../src/engine/native.js';
import { liveChildCount } from '../../src/engine/processes.js';
import { parseFaulthandler } from '../../src/core/failures.js';
import { testPython } from '../helpers/python.js';
import { escapeRegExp } from '../helpers/regexp.js';

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

  test('a lone surrogate in output or in a value is carried, not fatal', async () => {
    const py = await start('def odd():\n    print("bad \\udcff ♠")\n    return "\\ud800"\n');
    const response = await py.request({ op: 'call', target: 'ex.odd' }, 5000);
    expect(response).toMatchObject({ ok: true, value: '\ud800', stdout: 'bad \udcff ♠\n' });
  });

  test('sys.stdout.buffer and sys.stderr.buffer take bytes, decoded as UTF-8 even across writes', async () => {
    const py = await start('import sys\ndef raw():\n    sys.stdout.buffer.write(b"caf\\xc3")\n    sys.stdout.buffer.write(b"\\xa9\\n")\n    sys.stderr.buffer.write(b"\\xff!")\n    sys.stdout.buffer.flush()\n    return sys.stdout.encoding\n');
    const response = await py.request({ op: 'call', target: 'ex.raw' }, 5000);
    expect(response).toMatchObject({ ok: true, value: 'utf-8', stdout: 'café\n', stderr: '\\xff!' });
  });

  describe('code that disturbs the private channel gets a channel failure, never a JavaScript error or a hang', () => {
    // The request channel (fd 3) is only read after the reply is sent, so that call still answers.
    test.each([
      ['forged JSON of the wrong shape on fd 4', 'os.write(4, b\'{"id": 2, "ok": false}\\n\')', true],
      ['garbage on fd 4', 'os.write(4, b"not json at all\\n")', true],
      ['closing fd 4', 'os.close(4)', true],
      ['dup2 of /dev/null over fd 4', 'os.dup2(os.open(os.devnull, os.O_WRONLY), 4)', true],
      ['closing fd 3', 'os.close(3)', false],
    ])('%s', async (_name, statement, failsAtOnce) => {
      const py = await start(`import os\ndef meddle():\n    ${statement}\n    return 1\n`);
      const outcome = await py.request({ op: 'call', target: 'ex.meddle' }, 5000).then(
        (response) => response,
        (error: unknown) => error,
      );
      if (failsAtOnce) expect(outcome).toBeInstanceOf(BridgeChannelError);
      else expect(outcome).toMatchObject({ ok: true, value: 1 });
      // Whatever it said, the interpreter is gone and later requests fail the same way.
      await expect(py.request({ op: 'eval', code: '1' }, 5000)).rejects.toBeInstanceOf(BridgeChannelError);
    });
  });

  test('classes the suite defines live in a real module: dataclasses and pickle work on them', async () => {
    const py = await start('x = 1\n');
    const response = await py.request(
      {
        op: 'exec',
        code: 'import dataclasses, pickle\n@dataclasses.dataclass(kw_only=True)\nclass P:\n    x: "int"\n    y: int = 0\nok = pickle.loads(pickle.dumps(P(x=1))) == P(x=1)',
      },
      5000,
    );
    expect(response.ok, JSON.stringify(response)).toBe(true);
    expect(await py.request({ op: 'eval', code: 'ok' }, 5000)).toMatchObject({ ok: true, value: true });
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

  describe('code that changes builtins gets a failure naming what it did, and the builtins back', () => {
    test.each([
      [
        'replacing builtins.__import__, then raising',
        'def f():\n    def nope(*args, **kwargs):\n        raise ImportError("blocked")\n    builtins.__import__ = nope\n    raise ValueError("x")\n',
        'replaced builtins.__import__ with f.<locals>.nope (mod_',
        'It also raised ValueError: x',
      ],
      ['deleting builtins.print', 'def f():\n    del builtins.print\n    return 1\n', 'deleted builtins.print', undefined],
      ['replacing builtins.isinstance', 'def f():\n    builtins.isinstance = lambda a, b: True\n    return 1\n', 'replaced builtins.isinstance with f.<locals>.<lambda>', undefined],
      ['replacing builtins.len and returning a value', 'def f():\n    builtins.len = lambda x: 0\n    return [1, 2]\n', 'replaced builtins.len', undefined],
      ['clearing every builtin', 'def f():\n    builtins.__dict__.clear()\n', /deleted builtins\.\w+, .* and \d+ more$/, undefined],
    ])('%s', async (_name, body, says, note) => {
      const py = await start(`import builtins\n${body}`);
      const response = await py.request({ op: 'call', target: 'ex.f' }, 5000);
      expect(response.ok).toBe(false);
      if (response.ok) return;
      expect(response.error.type).toBe('BuiltinsChanged');
      expect(response.error.message).toMatch(typeof says === 'string' ? new RegExp(escapeRegExp(says)) : says);
      if (note !== undefined) expect(response.error.notes).toContain(note);
      // The same interpreter goes on with the real builtins.
      const after = await py.request({ op: 'exec', code: 'import json\nprint(json.dumps(len([1, 2, 3])), isinstance(1, str))' }, 5000);
      expect(after).toMatchObject({ ok: true, stdout: '3 False\n' });
    });

    test('patching the json and os functions the channel uses breaks nothing of the runner', async () => {
      const py = await start('import json, os\ndef f():\n    json.dumps = json.loads = os.fstat = None\n    return 1\n');
      expect(await py.request({ op: 'call', target: 'ex.f' }, 5000)).toMatchObject({ ok: true, value: 1 });
      expect(await py.request({ op: 'eval', code: '2 + 2' }, 5000)).toMatchObject({ ok: true, value: 4 });
    });

    test('a replacing function is pointed at in the learner\'s file', async () => {
      const py = await start('import builtins\ndef f():\n    builtins.isinstance = lambda a, b: True\n');
      const response = await py.request({ op: 'call', target: 'ex.f' }, 5000);
      expect(response).toMatchObject({ ok: false, error: { frames: [{ line: 3, learner: true, code: 'builtins.isinstance = lambda a, b: True' }] } });
    });

    test('at import, the import fails with the change named', async () => {
      const path = join(dir, 'mod_damage_at_import.py');
      writeFileSync(path, 'import builtins\nbuiltins.len = None\n');
      interpreter = await startNative({ python, cwd: dir, outputCap: 1000 });
      const response = await interpreter.request({ op: 'import', path }, 5000);
      expect(response).toMatchObject({ ok: false, error: { type: 'BuiltinsChanged', message: "your code changed Python's builtins: replaced builtins.len with None" } });
      expect(await interpreter.request({ op: 'eval', code: 'len("abc")' }, 5000)).toMatchObject({ ok: true, value: 3 });
    });

    test('a thread that changes builtins after its call returned is reported by the next request', async () => {
      const flag = join(dir, `flag-${Math.random().toString(36).slice(2)}`);
      const py = await start(
        `import builtins, threading, time\ndef later():\n    time.sleep(0.05)\n    del builtins.print\n    open(${JSON.stringify(flag)}, "w").close()\ndef f():\n    threading.Thread(target=later).start()\n`,
      );
      expect(await py.request({ op: 'call', target: 'ex.f' }, 5000)).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(existsSync(flag)).toBe(true));
      const response = await py.request({ op: 'eval', code: '1' }, 5000);
      expect(response).toMatchObject({ ok: false, error: { type: 'BuiltinsChanged' } });
      if (!response.ok) expect(response.error.message).toMatch(/^code still running after a call .*: deleted builtins\.print$/);
      expect(await py.request({ op: 'exec', code: 'print("back")' }, 5000)).toMatchObject({ ok: true, stdout: 'back\n' });
    });

    test('when the runner cannot describe a failure, it answers with what it knows instead of crashing', async () => {
      const py = await start('import sys\ndef f():\n    sys.modules["traceback"] = None\n    raise ValueError("x")\n');
      const response = await py.request({ op: 'call', target: 'ex.f' }, 5000);
      expect(response).toMatchObject({ ok: false, error: { type: 'BridgeError' } });
      if (!response.ok) expect(response.error.message).toMatch(/the runner could not finish this request \(\w*Error: import of traceback halted; None in sys\.modules\)/);
      expect(await py.request({ op: 'eval', code: '2 + 2' }, 5000)).toMatchObject({ ok: true, value: 4 });
    });
  });

  describe('a bridge that speaks another protocol version is refused at the handshake, naming both versions', () => {
    // A stand-in for the interpreter that answers like a stale advpy_native.py would.
    test.skipIf(process.platform === 'win32').each([
      ['announces another version', '{"ready":true,"protocol":99}', 99, 'speaks bridge protocol version 99'],
      ['announces no version (older than versioned bridges)', '{"ready":true}', null, 'announced no protocol version'],
    ])('one that %s', async (_name, ready, announced, says) => {
      const fake = join(dir, `fake-python-${Math.random().toString(36).slice(2)}`);
      writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' '${ready}' >&4\nexec sleep 30\n`, { mode: 0o755 });
      const before = liveChildCount();
      const error = await startNative({ python: fake, cwd: dir, outputCap: 1000 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BridgeVersionError);
      expect(error).toMatchObject({ announced, expected: BRIDGE_PROTOCOL_VERSION });
      const message = (error as Error).message;
      expect(message).toContain(says);
      expect(message).toContain(`this advpy-kata speaks version ${BRIDGE_PROTOCOL_VERSION}`);
      expect(message).toContain('advpy_native.py');
      expect(message).toMatch(/Reinstall advpy-kata/);
      expect(liveChildCount()).toBe(before);
    });

    test('the real bridge announces the version this side speaks', async () => {
      const py = await start('x = 1\n');
      expect((await py.request({ op: 'eval', code: '__import__("_advpy_kata.session").session.PROTOCOL_VERSION' }, 5000)).value).toBe(BRIDGE_PROTOCOL_VERSION);
    });
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
