/**
 * The embedded engine (Pyodide in a worker thread) against real learner files in a
 * temp folder. The first start loads cold and writes the snapshot the others reuse.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseFaulthandler, stuckLocation } from '../../src/core/failures.js';
import type { Worker } from 'node:worker_threads';
import { BridgeCrashError, BridgeTimeoutError, BridgeVersionError } from '../../src/engine/engine.js';
import { EmbeddedThread } from '../../src/engine/embedded-thread.js';
import { disposeEmbeddedPool, prepareEmbedded, startEmbedded, type EmbeddedInterpreter } from '../../src/engine/embedded.js';
import { parseSnapshot } from '../../src/engine/embedded-snapshot.js';
import { BRIDGE_PROTOCOL_VERSION, type BridgeResponse } from '../../src/core/protocol.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'advpy-embedded-')));
const chapter = join(scratch, 'chapter');
const cacheDir = join(scratch, 'cache');
const OUTPUT_CAP = 1000;
const REQUEST_MS = 10_000;

const LESSON = `import asyncio
import sys
import time
import warnings

counter = 0


def add(a: int, b: int) -> int:
    print(f"adding {a} and {b}")
    return a + b


def bump() -> int:
    global counter
    counter += 1
    return counter


def fail() -> None:
    raise ValueError("no such thing")


def leave() -> None:
    sys.exit(3)


def shout() -> None:
    for _ in range(2000):
        print("x" * 49)


def spin() -> None:
    while True:
        pass


def nap() -> None:
    while True:
        time.sleep(1)


def crunch() -> int:
    return sum(range(10**15))


def old() -> None:
    warnings.warn("old() is deprecated", DeprecationWarning, stacklevel=1)


async def double(x: int) -> int:
    await asyncio.sleep(0.01)
    return x * 2


def run_double(x: int) -> int:
    return asyncio.run(double(x))
`;

const lessonPath = join(chapter, 'lesson.py');
const lessonLine = (needle: string): number => LESSON.split('\n').findIndex((line) => line.includes(needle)) + 1;

function writeLearnerFile(name: string, source: string): string {
  const path = join(chapter, name);
  writeFileSync(path, source);
  return path;
}

function start(): Promise<EmbeddedInterpreter> {
  return startEmbedded({ cwd: chapter, outputCap: OUTPUT_CAP, cacheDir });
}

function snapshotFile(): string {
  const [name] = readdirSync(cacheDir).filter((file) => file.endsWith('.snapshot'));
  if (name === undefined) throw new Error(`no snapshot in ${cacheDir}`);
  return join(cacheDir, name);
}

function expectOk(response: BridgeResponse): unknown {
  if (!response.ok) throw new Error(`expected ok, got ${response.error.type}: ${response.error.message}`);
  return response.value;
}

function expectError(response: BridgeResponse): Extract<BridgeResponse, { ok: false }>['error'] {
  if (response.ok) throw new Error(`expected an error, got ${JSON.stringify(response.value)}`);
  return response.error;
}

/** Start an interpreter, import the lesson, and time out on `target`; returns the error and how lively the caller stayed. */
async function timeOut(target: string, timeoutMs: number): Promise<{ error: unknown; ticks: number }> {
  const py = await start();
  try {
    expectOk(await py.request({ op: 'import', path: lessonPath }, REQUEST_MS));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const error = await py.request({ op: 'call', target }, timeoutMs).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    clearInterval(ticker);
    return { error, ticks };
  } finally {
    await py.close();
  }
}

beforeAll(() => {
  mkdirSync(chapter);
  writeLearnerFile('lesson.py', LESSON);
});

afterAll(async () => {
  await disposeEmbeddedPool();
  rmSync(scratch, { recursive: true, force: true });
});

describe('one interpreter', () => {
  let py: EmbeddedInterpreter;

  beforeAll(async () => {
    py = await start();
    expectOk(await py.request({ op: 'import', path: lessonPath }, REQUEST_MS));
  });
  afterAll(async () => {
    await py.close();
  });

  test('describes itself as Python 3.14 on Pyodide', () => {
    expect(py.description).toMatch(/^Pyodide 314\.\d+\.\d+ \(Python 3\.14\.\d+, embedded\)$/);
  });

  test('exec, eval and call round-trip JSON values', async () => {
    expectOk(await py.request({ op: 'exec', code: 'items = {"a": [1, 2.5, None, True]}' }, REQUEST_MS));
    expect(expectOk(await py.request({ op: 'eval', code: 'items' }, REQUEST_MS))).toEqual({ a: [1, 2.5, null, true] });
    expect(expectOk(await py.request({ op: 'call', target: 'ex.add', args: [2, 3] }, REQUEST_MS))).toBe(5);
    expect(expectOk(await py.request({ op: 'call', target: 'ex.add', kwargs: { a: 'x', b: 'y' } }, REQUEST_MS))).toBe('xy');
  });

  test('captures what the learner prints, per request', async () => {
    const response = await py.request({ op: 'call', target: 'ex.add', args: [1, 1] }, REQUEST_MS);
    expect(response.stdout).toBe('adding 1 and 1\n');
    expect(response.truncated).toEqual({ stdout: 0, stderr: 0 });
  });

  test('lone surrogates and bytes written to sys.stdout.buffer arrive intact', async () => {
    const response = await py.request(
      { op: 'exec', code: 'import sys\nprint("bad \\udcff ♠")\nsys.stdout.buffer.write(b"caf\\xc3")\nsys.stdout.buffer.write(b"\\xa9 \\xff\\n")' },
      REQUEST_MS,
    );
    expectOk(response);
    expect(response.stdout).toBe('bad \udcff ♠\ncafé \\xff\n');
  });

  test("an exception points at the learner's real file and line", async () => {
    const error = expectError(await py.request({ op: 'call', target: 'ex.fail' }, REQUEST_MS));
    expect(error).toMatchObject({ type: 'ValueError', message: 'no such thing' });
    expect(error.frames.filter((frame) => frame.learner)).toEqual([
      expect.objectContaining({ file: lessonPath, line: lessonLine('raise ValueError'), name: 'fail' }),
    ]);
  });

  test('a SyntaxError at import names the file and line', async () => {
    const broken = writeLearnerFile('broken.py', 'def f(:\n    pass\n');
    const error = expectError(await py.request({ op: 'import', path: broken, alias: 'broken' }, REQUEST_MS));
    expect(error.type).toBe('SyntaxError');
    expect(error.frames.at(-1)).toMatchObject({ file: broken, line: 1, learner: true });
  });

  test('sys.exit is an error response, and the interpreter lives on', async () => {
    const error = expectError(await py.request({ op: 'call', target: 'ex.leave' }, REQUEST_MS));
    expect(error).toMatchObject({ type: 'SystemExit', message: '3' });
    expect(expectOk(await py.request({ op: 'eval', code: '1 + 1' }, REQUEST_MS))).toBe(2);
  });

  test('huge output is cut at the cap and the rest is counted', async () => {
    const response = await py.request({ op: 'call', target: 'ex.shout' }, REQUEST_MS);
    expect(response.stdout).toHaveLength(OUTPUT_CAP);
    expect(response.truncated.stdout).toBe(2000 * 50 - OUTPUT_CAP);
  });

  test('warnings are reported as under -X dev, DeprecationWarning included', async () => {
    const response = await py.request({ op: 'call', target: 'ex.old' }, REQUEST_MS);
    expect(response.warnings).toEqual([
      { category: 'DeprecationWarning', message: 'old() is deprecated', file: lessonPath, line: lessonLine('warnings.warn') },
    ]);
  });

  test.each([
    ['replacing builtins.__import__, then raising', 'import builtins\ndef nope(*a, **k):\n    raise ImportError("blocked")\nbuiltins.__import__ = nope\nraise ValueError("x")', 'replaced builtins.__import__ with nope'],
    ['deleting builtins.print', 'import builtins\ndel builtins.print', 'deleted builtins.print'],
    ['replacing builtins.isinstance', 'import builtins\nbuiltins.isinstance = lambda a, b: True', 'replaced builtins.isinstance with <lambda>'],
    ['clearing every builtin', 'import builtins\nbuiltins.__dict__.clear()', ' more'],
  ])('%s is one clear failure, and the same interpreter goes on with the real builtins', async (_name, code, says) => {
    const error = expectError(await py.request({ op: 'exec', code }, REQUEST_MS));
    expect(error.type).toBe('BuiltinsChanged');
    expect(error.message).toContain(says);
    const after = await py.request({ op: 'exec', code: 'import json\nprint(json.dumps(len([1, 2, 3])), isinstance(1, str))' }, REQUEST_MS);
    expectOk(after);
    expect(after.stdout).toBe('3 False\n');
  });

  test('asyncio.run works (Pyodide alone cannot run it on Node 20)', async () => {
    expect(expectOk(await py.request({ op: 'call', target: 'ex.run_double', args: [21] }, REQUEST_MS))).toBe(42);
  });

  test('no __pycache__ is written into the learner folder', () => {
    expect(existsSync(join(chapter, '__pycache__'))).toBe(false);
  });
});

describe('timeouts and crashes', () => {
  test('an infinite loop times out with the learner line in the stacks, without freezing the caller', async () => {
    const { error, ticks } = await timeOut('ex.spin', 400);
    expect(error).toBeInstanceOf(BridgeTimeoutError);
    const { stacks, timeoutMs } = error as BridgeTimeoutError;
    expect(timeoutMs).toBe(400);
    const where = stuckLocation(parseFaulthandler(stacks), (file) => file.startsWith(chapter));
    // The loop's jump back belongs to `pass`, so either line of the loop is right.
    expect(where).toMatchObject({ file: lessonPath, name: 'spin' });
    expect([lessonLine('while True:'), lessonLine('while True:') + 1]).toContain(where?.line);
    // A 20 ms ticker kept running during the wait: Python ran in its own thread. A
    // frozen caller would see none; a busy machine delays ticks, so only a few are asked for.
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  test('a loop around time.sleep is interrupted too', async () => {
    const { error } = await timeOut('ex.nap', 300);
    const { stacks } = error as BridgeTimeoutError;
    const where = stuckLocation(parseFaulthandler(stacks), (file) => file.startsWith(chapter));
    expect(where).toMatchObject({ file: lessonPath, line: lessonLine('time.sleep(1)'), name: 'nap' });
  });

  test('a loop inside C code, deaf to interrupts, still ends', async () => {
    const { error } = await timeOut('ex.crunch', 300);
    expect(error).toBeInstanceOf(BridgeTimeoutError);
  });

  test('when the learner replaces the SIGINT handler, the KeyboardInterrupt traceback gives the stacks', async () => {
    const path = writeLearnerFile(
      'stubborn.py',
      'import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n\ndef spin() -> None:\n    while True:\n        pass\n',
    );
    const py = await start();
    expectOk(await py.request({ op: 'import', path }, REQUEST_MS));
    const error = await py.request({ op: 'call', target: 'ex.spin' }, 300).catch((reason: unknown) => reason);
    const where = stuckLocation(parseFaulthandler((error as BridgeTimeoutError).stacks), (file) => file === path);
    expect(where).toMatchObject({ file: path, name: 'spin' });
    expect([5, 6]).toContain(where?.line);
  });

  test('after a timeout the interpreter is gone', async () => {
    const py = await start();
    expectOk(await py.request({ op: 'import', path: lessonPath }, REQUEST_MS));
    await expect(py.request({ op: 'call', target: 'ex.spin' }, 200)).rejects.toBeInstanceOf(BridgeTimeoutError);
    await expect(py.request({ op: 'eval', code: '1' }, REQUEST_MS)).rejects.toBeInstanceOf(BridgeCrashError);
  });

  test('os._exit is a crash with its exit code', async () => {
    const py = await start();
    const error = await py.request({ op: 'exec', code: 'import os; os._exit(7)' }, REQUEST_MS).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(BridgeCrashError);
    expect((error as BridgeCrashError).exitCode).toBe(7);
    await py.close();
  });
});

describe('the protocol handshake', () => {
  test('the real bridge announces the version this side speaks', async () => {
    const py = await start();
    try {
      expect(expectOk(await py.request({ op: 'eval', code: '__import__("_advpy_kata.session").session.PROTOCOL_VERSION' }, REQUEST_MS))).toBe(BRIDGE_PROTOCOL_VERSION);
    } finally {
      await py.close();
    }
  });

  test('a bridge that announces another version is refused at start, naming both versions', async () => {
    const thread = new EmbeddedThread(cacheDir);
    try {
      await thread.loaded;
      const starting = thread.start(chapter, OUTPUT_CAP).catch((reason: unknown) => reason);
      // Stand in for a stale advpy_embedded.py: this answer is handled before the real one arrives.
      (thread as unknown as { worker: Worker }).worker.emit('message', { type: 'started', protocol: 99 });
      const error = await starting;
      expect(error).toBeInstanceOf(BridgeVersionError);
      expect((error as Error).message).toContain('advpy_embedded.py) speaks bridge protocol version 99');
      expect((error as Error).message).toContain(`this advpy-kata speaks version ${BRIDGE_PROTOCOL_VERSION}`);
      expect(thread.usable).toBe(false);
    } finally {
      await thread.close();
    }
  });
});

describe('fresh interpreters', () => {
  test('two interpreters share no module state', async () => {
    const first = await start();
    const second = await start();
    try {
      expectOk(await first.request({ op: 'import', path: lessonPath }, REQUEST_MS));
      expectOk(await first.request({ op: 'call', target: 'ex.bump' }, REQUEST_MS));
      expect(expectOk(await first.request({ op: 'call', target: 'ex.bump' }, REQUEST_MS))).toBe(2);
      expect(expectOk(await second.request({ op: 'eval', code: '"lesson" in __import__("sys").modules' }, REQUEST_MS))).toBe(false);
      expectOk(await second.request({ op: 'import', path: lessonPath }, REQUEST_MS));
      expect(expectOk(await second.request({ op: 'call', target: 'ex.bump' }, REQUEST_MS))).toBe(1);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('a prepared spare serves the next start', async () => {
    await prepareEmbedded({ cacheDir });
    const py = await start();
    try {
      expect(py.startup.source).toBe('snapshot');
      expect(expectOk(await py.request({ op: 'eval', code: '6 * 7' }, REQUEST_MS))).toBe(42);
    } finally {
      await py.close();
    }
  });
});

describe('reuse between runs', () => {
  const STATE = `[
    "lesson" in __import__("sys").modules,
    hasattr(__import__("builtins"), "SNEAKY"),
    "fake_module" in __import__("sys").modules,
    __import__("sys").getrecursionlimit(),
    __import__("os").environ.get("LEAKED"),
    __import__("os").path.exists("/tmp/left-behind.txt"),
    __import__("signal").getsignal(__import__("signal").SIGINT).__name__,
    sorted(__import__("os").listdir("/proc/self/fd")),
  ]`;

  test('a closed interpreter is reset and serves the next start, with nothing of its run left', async () => {
    const first = await start();
    const fresh = expectOk(await first.request({ op: 'eval', code: STATE }, REQUEST_MS));
    expectOk(await first.request({ op: 'import', path: lessonPath }, REQUEST_MS));
    expectOk(await first.request({ op: 'call', target: 'ex.bump' }, REQUEST_MS));
    expectOk(
      await first.request(
        {
          op: 'exec',
          code: [
            'import builtins, os, signal, sys',
            'builtins.SNEAKY = 1',
            'sys.modules["fake_module"] = sys',
            'sys.setrecursionlimit(123)',
            'os.environ["LEAKED"] = "yes"',
            'open("/tmp/left-behind.txt", "w").write("x")',
            'kept_open = open("/tmp/left-behind.txt")',
            'signal.signal(signal.SIGINT, signal.SIG_IGN)',
            'ballast = [bytearray(1 << 20) for _ in range(64)]',
          ].join('\n'),
        },
        REQUEST_MS,
      ),
    );
    await first.close();

    const second = await start();
    try {
      expect(second.reused).toBe(first.reused + 1);
      expect(expectOk(await second.request({ op: 'eval', code: STATE }, REQUEST_MS))).toEqual(fresh);
      expectOk(await second.request({ op: 'import', path: lessonPath }, REQUEST_MS));
      expect(expectOk(await second.request({ op: 'call', target: 'ex.bump' }, REQUEST_MS))).toBe(1);
    } finally {
      await second.close();
    }
  });

  test('a timer the run left behind never fires into the next run', async () => {
    const first = await start();
    expectOk(
      await first.request(
        {
          op: 'exec',
          code: 'import js\nfrom pyodide.ffi import create_proxy\ndef later():\n    import builtins\n    builtins.LATE = 1\njs.setTimeout(create_proxy(later), 200)',
        },
        REQUEST_MS,
      ),
    );
    await first.close();
    const second = await start();
    try {
      expect(second.reused).toBe(first.reused + 1);
      // This run's own timer, due after the first run's: once it has fired, the first run's had its turn.
      expectOk(
        await second.request(
          { op: 'exec', code: 'import js\nfrom pyodide.ffi import create_proxy\ndef mine():\n    import builtins\n    builtins.MINE = 1\njs.setTimeout(create_proxy(mine), 300)' },
          REQUEST_MS,
        ),
      );
      const fired = async (): Promise<unknown> => expectOk(await second.request({ op: 'eval', code: 'hasattr(__import__("builtins"), "MINE")' }, REQUEST_MS));
      await expect.poll(fired, { timeout: 20_000, interval: 50 }).toBe(true);
      expect(expectOk(await second.request({ op: 'eval', code: 'hasattr(__import__("builtins"), "LATE"), 6 * 7' }, REQUEST_MS))).toEqual([false, 42]);
    } finally {
      await second.close();
    }
  });

  test('a run that changed files outside /tmp in the in-memory file system is followed by a fresh interpreter', async () => {
    const first = await start();
    expectOk(await first.request({ op: 'exec', code: 'open("/home/pyodide/note.txt", "w").write("x")' }, REQUEST_MS));
    await first.close();
    const second = await start();
    try {
      expect(second.reused).toBe(0);
      expect(expectOk(await second.request({ op: 'eval', code: '__import__("os").path.exists("/home/pyodide/note.txt")' }, REQUEST_MS))).toBe(false);
    } finally {
      await second.close();
    }
  });

  test('an interpreter that timed out is not reused', async () => {
    await disposeEmbeddedPool();
    const first = await start();
    expect(first.reused).toBe(0);
    await expect(first.request({ op: 'exec', code: 'while True: pass' }, 200)).rejects.toBeInstanceOf(BridgeTimeoutError);
    await first.close();
    const second = await start();
    try {
      expect(second.reused).toBe(0);
      expect(expectOk(await second.request({ op: 'eval', code: '6 * 7' }, REQUEST_MS))).toBe(42);
    } finally {
      await second.close();
    }
  });

  test('a process whose interpreter waits between runs still exits by itself', async () => {
    // The built engine in a process of its own: one run, closed, and then nothing left to do.
    const script = [
      `import { startEmbedded } from ${JSON.stringify(pathToFileURL(join(PACKAGE_ROOT, 'dist', 'engine', 'embedded.js')).href)};`,
      `const py = await startEmbedded({ cwd: ${JSON.stringify(chapter)}, outputCap: 100, cacheDir: ${JSON.stringify(cacheDir)} });`,
      `await py.request({ op: 'eval', code: '1' }, 10000);`,
      `await py.close();`,
      `console.log('closed after', py.reused, 'earlier runs');`,
    ].join('\n');
    const file = join(scratch, 'one-run.mjs');
    writeFileSync(file, script);
    const result = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 90_000 });
    expect(result.signal, `the process did not exit by itself: ${result.stdout}${result.stderr}`).toBeNull();
    expect(result.stdout, result.stderr).toContain('closed after 0 earlier runs');
    expect(result.status).toBe(0);
  });

  test('a closed interpreter answers no more requests', async () => {
    const py = await start();
    await py.close();
    await expect(py.request({ op: 'eval', code: '1' }, REQUEST_MS)).rejects.toBeInstanceOf(BridgeCrashError);
  });
});

describe('the snapshot cache', () => {
  test('is reused by later starts, unchanged', async () => {
    const path = snapshotFile();
    const before = statSync(path);
    const py = await start();
    await py.close();
    expect(py.startup).toMatchObject({ source: 'snapshot', snapshotWritten: false });
    expect(statSync(path)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
  });

  test('a corrupt snapshot means a cold load that replaces it', async () => {
    const path = snapshotFile();
    const bytes = readFileSync(path);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);

    // A thread kept from an earlier run would load nothing: these starts must load.
    await disposeEmbeddedPool();
    const py = await start();
    expect(py.startup).toMatchObject({ source: 'cold', snapshotWritten: true });
    expect(py.startup.snapshotProblem).toMatch(/corrupt/);
    expect(expectOk(await py.request({ op: 'eval', code: '2 ** 10' }, REQUEST_MS))).toBe(1024);
    await py.close();
    expect(parseSnapshot(readFileSync(path)).ok).toBe(true);

    await disposeEmbeddedPool();
    const again = await start();
    await again.close();
    expect(again.startup.source).toBe('snapshot');
  });
});

describe('parseSnapshot', () => {
  test.each([
    ['an empty file', new Uint8Array(0), /truncated/],
    ['another format', new TextEncoder().encode('PK\u0003\u0004 not ours at all'), /unknown format/],
  ])('rejects %s', (_, bytes, problem) => {
    const read = parseSnapshot(bytes);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toMatch(problem);
  });
});
