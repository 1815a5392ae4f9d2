import { describe, expect, it } from 'vitest';
import { baseName, describeThreads, learnerFrames, locateStuck, parseFaulthandler, renderStuckPlace, stuckLocation, summarizeFailure, type PythonFailure, type StackThread } from '../../src/core/failures.js';
import type { PyErrorInfo, PyFrame } from '../../src/core/protocol.js';

const LEARNER = '/ws/exercises/01_decorators/01_logged.py';
const isLearner = (file: string): boolean => file.startsWith('/ws/exercises/');

const DUMP = [
  'Thread 0x00007f0000000002 (most recent call first):',
  '  File "/usr/lib/python3.13/threading.py", line 359 in wait',
  `  File "${LEARNER}", line 12 in worker`,
  '',
  'Current thread 0x00007f0000000001 (most recent call first):',
  `  File "${LEARNER}", line 7 in spin`,
  `  File "${LEARNER}", line 3 in wrapper`,
  '  File "/pkg/python/_advpy_kata/session.py", line 80 in call',
].join('\n');

describe('parseFaulthandler', () => {
  it('reads every thread, marks the current one, keeps frames innermost first', () => {
    expect(parseFaulthandler(DUMP)).toEqual([
      {
        id: '0x00007f0000000002',
        current: false,
        frames: [
          { file: '/usr/lib/python3.13/threading.py', line: 359, name: 'wait' },
          { file: LEARNER, line: 12, name: 'worker' },
        ],
      },
      {
        id: '0x00007f0000000001',
        current: true,
        frames: [
          { file: LEARNER, line: 7, name: 'spin' },
          { file: LEARNER, line: 3, name: 'wrapper' },
          { file: '/pkg/python/_advpy_kata/session.py', line: 80, name: 'call' },
        ],
      },
    ]);
  });

  it.each([
    ['nothing', '', 0, 0],
    ['CRLF line endings', DUMP.replace(/\n/g, '\r\n'), 2, 5],
    ['frames before any thread header', '  File "x.py", line 1 in f\nCurrent thread 0x1 (most recent call first):\n  File "y.py", line 2 in g', 1, 1],
    ['a thread with no Python frame', 'Current thread 0x1 (most recent call first):\n  <no Python frame>', 1, 0],
    ['3.14 thread names', 'Current thread 0x7f1 [MainThread] (most recent call first):\n  File "y.py", line 2 in g', 1, 1],
    ['a file name with spaces and quotes', 'Current thread 0x1 (most recent call first):\n  File "/my dir/a "b".py", line 2 in <module>', 1, 1],
    ['unrelated text', 'Fatal Python error: Aborted\n\nsomething else', 0, 0],
  ])('copes with %s', (_, text, threads, frames) => {
    const parsed = parseFaulthandler(text);
    expect(parsed).toHaveLength(threads);
    expect(parsed.reduce((sum, thread) => sum + thread.frames.length, 0)).toBe(frames);
  });
});

const frame = (file: string, line: number, name: string) => ({ file, line, name });
const thread = (current: boolean, ...frames: StackThread['frames']): StackThread => ({ id: current ? '1' : '2', current, frames });

describe('stuckLocation', () => {
  it.each([
    ['the innermost learner frame of the current thread', parseFaulthandler(DUMP), frame(LEARNER, 7, 'spin')],
    ['the current thread first, wherever it is listed', [thread(true, frame('/lib/x.py', 1, 'x'), frame(LEARNER, 4, 'mine')), thread(false, frame(LEARNER, 9, 'other'))], frame(LEARNER, 4, 'mine')],
    ['a learner frame in another thread when the current thread has none', [thread(true, frame('/lib/x.py', 1, 'x')), thread(false, frame(LEARNER, 9, 'other'))], frame(LEARNER, 9, 'other')],
    ['nothing when no frame is the learner\'s', [thread(false, frame('/lib/y.py', 2, 'y')), thread(true, frame('/lib/x.py', 1, 'x'))], undefined],
    ['nothing without threads', [], undefined],
  ])('finds %s', (_, threads, expected) => {
    expect(stuckLocation(threads, isLearner)).toEqual(expected);
  });
});

const BRIDGE = '/opt/advpy-kata/python';

describe('locateStuck and renderStuckPlace', () => {
  it.each<[string, StackThread[], string | undefined]>([
    ['the learner\'s innermost frame', parseFaulthandler(DUMP), 'stuck here: 01_logged.py:7 in spin'],
    [
      'a learner frame in another thread before any runner or library frame',
      [thread(true, frame(`${BRIDGE}/advpy_native.py`, 80, 'main')), thread(false, frame(LEARNER, 9, 'other'))],
      'stuck here: 01_logged.py:9 in other',
    ],
    [
      'the runner, never its file, when only runner frames are seen (native)',
      [thread(true, frame(`${BRIDGE}/advpy_native.py`, 80, 'main'))],
      "not stuck in your file: Python was in the runner's own code when it was stopped",
    ],
    [
      'the runner, never its files, for the session package and the embedded glue',
      [thread(true, frame(`${BRIDGE}/_advpy_kata/session.py`, 120, 'handle'), frame(`${BRIDGE}/advpy_embedded.py`, 60, 'handle'))],
      "not stuck in your file: Python was in the runner's own code when it was stopped",
    ],
    [
      'the runner on Windows paths',
      [thread(true, frame('C:\\advpy\\python\\advpy_native.py', 80, 'main'))],
      "not stuck in your file: Python was in the runner's own code when it was stopped",
    ],
    [
      'the innermost library frame, skipping the runner\'s frames',
      [thread(true, frame('/usr/lib/python3.13/threading.py', 359, 'wait'), frame(`${BRIDGE}/advpy_native.py`, 80, 'main'))],
      'not stuck in your file: Python was waiting in threading.py:359 in wait (standard library or package code)',
    ],
    [
      'the current thread\'s frames, not another thread\'s',
      [thread(false, frame('/lib/y.py', 2, 'y')), thread(true, frame(`${BRIDGE}/advpy_native.py`, 80, 'main'))],
      "not stuck in your file: Python was in the runner's own code when it was stopped",
    ],
    ['nothing without threads', [], undefined],
    ['nothing when threads have no frames', [thread(true)], undefined],
  ])('names %s', (_, threads, expected) => {
    const place = locateStuck(threads, isLearner);
    expect(place && renderStuckPlace(place)).toEqual(expected);
    if (place) expect(renderStuckPlace(place)).not.toMatch(/advpy_|_advpy_kata/);
  });

  it('keeps the runner out of the one-line summary', () => {
    const failure: PythonFailure = { kind: 'timeout', phase: 'test', timeoutMs: 3000, stuck: [thread(true, frame(`${BRIDGE}/advpy_native.py`, 80, 'main'))] };
    expect(summarizeFailure(failure, isLearner)).toBe("Python did not finish within 3000 ms; not stuck in your file: Python was in the runner's own code when it was stopped");
  });
});

function pyFrame(file: string, line: number, learner: boolean): PyFrame {
  return { file, line, name: 'f', code: '', learner };
}

describe('learnerFrames', () => {
  const lib = pyFrame('/lib/functools.py', 10, false);
  const mine = pyFrame(LEARNER, 5, true);
  const mine2 = pyFrame(LEARNER, 8, true);
  const inner = pyFrame('/lib/inner.py', 99, false);
  it.each([
    ['no frames', [], []],
    ['only the learner\'s frames, in order', [lib, mine, inner, mine2], [mine, mine2]],
    ['the innermost frame when none is the learner\'s', [lib, inner], [inner]],
  ])('%s', (_, frames, expected) => {
    expect(learnerFrames(frames)).toEqual(expected);
  });
});

function error(type: string, message: string, frames: PyFrame[] = []): PyErrorInfo {
  return { type, module: 'builtins', message, frames, notes: [] };
}

describe('summarizeFailure', () => {
  it.each<[string, PythonFailure, string]>([
    ['an exception in a test', { kind: 'exception', phase: 'test', error: error('KeyError', "'x'", [pyFrame(LEARNER, 5, true)]) }, "Python raised KeyError: 'x' (01_logged.py:5)"],
    ['an exception at import', { kind: 'exception', phase: 'import', error: error('SyntaxError', 'invalid syntax', [pyFrame(LEARNER, 4, true)]) }, 'your file failed to import: SyntaxError: invalid syntax (01_logged.py:4)'],
    ['an exception without a message', { kind: 'exception', phase: 'test', error: error('StopIteration', '') }, 'Python raised StopIteration'],
    ['a timeout', { kind: 'timeout', phase: 'test', timeoutMs: 3000, stuck: parseFaulthandler(DUMP) }, 'Python did not finish within 3000 ms; stuck here: 01_logged.py:7 in spin'],
    ['a timeout without stacks', { kind: 'timeout', phase: 'test', timeoutMs: 3000, stuck: [] }, 'Python did not finish within 3000 ms'],
    ['a kill', { kind: 'crash', phase: 'test', exitCode: null, signal: 'SIGSEGV', output: '' }, 'the Python process was killed by SIGSEGV'],
    ['an exit', { kind: 'crash', phase: 'test', exitCode: 3, signal: null, output: '' }, 'the Python process exited with code 3 (did something call os._exit?)'],
    ['an unsupported run', { kind: 'unsupported', reason: 'needs threads', fix: 'Install CPython.' }, 'needs threads. Install CPython.'],
  ])('%s', (_, failure, expected) => {
    expect(summarizeFailure(failure, isLearner)).toBe(expected);
  });
});

describe('baseName', () => {
  it.each([
    ['/a/b/c.py', 'c.py'],
    ['C:\\x\\y.py', 'y.py'],
    ['plain.py', 'plain.py'],
  ])('%s → %s', (path, name) => {
    expect(baseName(path)).toBe(name);
  });
});

describe('describeThreads', () => {
  const learner = (file: string) => file.startsWith('/ws/');
  const thread = (id: string, current: boolean, frames: StackThread['frames']): StackThread => ({ id, current, frames });

  it('one line per thread, the one that ran the test first; runner-only threads left out', () => {
    const threads = [
      thread('0x2', false, [{ file: '/usr/lib/python3.13/threading.py', line: 359, name: 'wait' }, { file: '/ws/30_threads.py', line: 12, name: 'park' }]),
      thread('0x3', false, [{ file: '/usr/lib/python3.13/concurrent/futures/process.py', line: 400, name: 'wait_result_broken_or_wakeup' }]),
      thread('0x4', false, [{ file: '/x/_advpy_kata/session.py', line: 9, name: 'handle' }]),
      thread('0x1', true, [{ file: '/ws/30_threads.py', line: 20, name: 'wrapper' }]),
    ];
    expect(describeThreads(threads, learner)).toEqual([
      'the thread that ran the test: 30_threads.py:20 in wrapper',
      'thread 2: 30_threads.py:12 in park',
      'thread 3: waiting in process.py:400 in wait_result_broken_or_wakeup',
    ]);
  });
});
