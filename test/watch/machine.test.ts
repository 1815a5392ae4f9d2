/** The watch state machine, headless: events go in, effects and screens come out. */
import { describe, expect, test } from 'vitest';
import { deriveExercise, type Exercise } from '../../src/core/manifest.js';
import type { SuiteOutcome } from '../../src/core/outcome.js';
import { initialState } from '../../src/core/state.js';
import { initialModel, update, type Event, type Key, type Model } from '../../src/watch/machine.js';
import { parseKeys, parseLine } from '../../src/watch/keys.js';
import { hyperlink, renderProgressBar, renderWatch, type WatchView } from '../../src/watch/render.js';
import { createTheme } from '../../src/ui/theme.js';

const exercises: Exercise[] = ['logged', 'wraps', 'timed'].map((name, index) =>
  deriveExercise({ number: index + 1, name, chapter: '01_decorators', title: `about ${name}`, hints: ['first nudge', 'nearly there'], requires: { python: '3.12', capabilities: [] }, timeoutMs: 5000 }),
);
const [first, second, third] = exercises.map((exercise) => exercise.id) as [string, string, string];
const passed: SuiteOutcome = { kind: 'passed', tests: [{ name: 'works', path: [], status: 'passed', durationMs: 1 }], durationMs: 5 };
const failed: SuiteOutcome = { kind: 'failed', tests: [{ name: 'works', path: [], status: 'failed', durationMs: 1, failure: { message: 'expected 1 to be 2' } }], durationMs: 5 };

const view: WatchView = {
  theme: createTheme(false, true),
  displayPath: (exercise) => `exercises/${exercise.workspacePath}`,
  absolutePath: (exercise) => `/ws/exercises/${exercise.workspacePath}`,
  hyperlinks: false,
  engineLine: () => 'engine: native CPython 3.13.0',
  isLearnerFile: () => () => true,
  columns: 80,
};

const key = (char: string): Event => ({ type: 'key', key: { name: 'char', char } });
const named = (name: Exclude<Key['name'], 'char'>): Event => ({ type: 'key', key: { name } as Key });

/** Apply events in order; return the final model and every effect type emitted. */
function play(events: Event[], model: Model = initialModel(exercises, initialState(exercises), false)): { model: Model; effects: string[] } {
  const effects: string[] = [];
  for (const event of events) {
    const [next, emitted] = update(model, event);
    model = next;
    effects.push(...emitted.map((effect) => ('id' in effect ? `${effect.type}:${effect.id}` : 'code' in effect ? `${effect.type}:${effect.code}` : effect.type)));
  }
  return { model, effects };
}

describe('runs', () => {
  test.each([
    ['start runs the current exercise', [{ type: 'start' }], ['run:01_logged']],
    ['a save to the current exercise re-runs it', [{ type: 'start' }, { type: 'run-finished', id: '01_logged', outcome: failed }, { type: 'file-changed', id: '01_logged' }], ['run:01_logged', 'save', 'run:01_logged']],
    ['a save during a run cancels it (once) and queues one re-run', [{ type: 'start' }, { type: 'file-changed', id: '01_logged' }, { type: 'file-changed', id: '01_logged' }], ['run:01_logged', 'cancel-run']],
    ['the cancelled run ends: the queued re-run starts, and nothing is saved', [{ type: 'start' }, { type: 'file-changed', id: '01_logged' }, { type: 'run-cancelled', id: '01_logged' }], ['run:01_logged', 'cancel-run', 'run:01_logged']],
    ['r during a run queues a re-run without cancelling', [{ type: 'start' }, key('r')], ['run:01_logged']],
    ['a reset during a run cancels it: the old file is stale', [{ type: 'start' }, { type: 'reset-done', id: '01_logged' }], ['run:01_logged', 'cancel-run']],
    ['a verdict that beats the cancel still counts, and the queued re-run starts', [{ type: 'start' }, { type: 'file-changed', id: '01_logged' }, { type: 'run-finished', id: '01_logged', outcome: failed }], ['run:01_logged', 'cancel-run', 'save', 'run:01_logged']],
    ['a save to a locked exercise runs nothing', [{ type: 'file-changed', id: '03_timed' }], []],
  ] as Array<[string, Event[], string[]]>)('%s', (_name, events, expected) => {
    expect(play(events).effects).toEqual(expected);
  });

  test('a cancelled run leaves no verdict and no progress behind', () => {
    const { model } = play([{ type: 'start' }, { type: 'file-changed', id: first }, { type: 'run-cancelled', id: first }]);
    expect(model.outcomes).toEqual({});
    expect(model.state).toEqual(initialState(exercises));
    expect(model).toMatchObject({ running: first, queued: undefined, cancelling: false });
  });

  test('a save to a locked exercise is noted on screen', () => {
    const { model } = play([{ type: 'file-changed', id: third }]);
    expect(renderWatch(model, view)).toContain('03_timed is locked: finish 01_logged first');
  });
});

describe('passing and moving on', () => {
  test('a pass marks the exercise done but does not advance by surprise', () => {
    const { model } = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }]);
    expect(model.state.exercises[first]?.status).toBe('done');
    expect(model.shown).toBe(first);
    const screen = renderWatch(model, view);
    expect(screen).toContain('01_logged passes! Press n for the next exercise.');
    expect(screen).toMatch(/n next · h hint/);
    expect(screen).toContain('] 1/3');
  });

  test('n moves to the next exercise only once this one is done', () => {
    const before = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: failed }, key('n')]);
    expect(before.model.shown).toBe(first);
    expect(renderWatch(before.model, view)).toContain('Finish this exercise first');
    expect(renderWatch(before.model, view)).not.toContain('n next');
    const after = play([key('n')], play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }]).model);
    expect(after.model.shown).toBe(second);
    expect(after.model.state.current).toBe(second);
    expect(after.effects).toEqual(['run:02_wraps', 'save']);
  });

  test('--auto-next advances as soon as the exercise passes', () => {
    const model = initialModel(exercises, initialState(exercises), true);
    const { model: next } = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }], model);
    expect(next.shown).toBe(second);
  });

  test('a save to another unlocked exercise runs it and shows it', () => {
    const done = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }, key('n'), { type: 'run-finished', id: second, outcome: failed }]).model;
    const { model, effects } = play([{ type: 'file-changed', id: first }], done);
    expect(model.shown).toBe(first);
    expect(effects).toContain('run:01_logged');
  });

  test('finishing the last exercise shows the finish screen: what each chapter taught, attempts and time', () => {
    let model = initialModel(exercises, initialState(exercises), false);
    model = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: failed }, { type: 'file-changed', id: first }, { type: 'run-finished', id: first, outcome: passed }, key('n')], model).model;
    model = play([{ type: 'run-finished', id: second, outcome: passed }, key('n'), { type: 'run-finished', id: third, outcome: passed }], model).model;
    expect(model.screen).toBe('finish');
    // Times as if the first exercise took 25 minutes from its first run to its pass.
    const progress = model.state.exercises[first]!;
    model = { ...model, state: { ...model.state, exercises: { ...model.state.exercises, [first]: { ...progress, startedAt: '2026-01-01T10:00:00.000Z', doneAt: '2026-01-01T10:25:00.000Z' } } } };
    const chapters = [{ id: '01_decorators', title: 'Decorators', learned: 'write decorators that keep metadata.' }];
    const screen = renderWatch(model, { ...view, columns: 120, chapters });
    expect(screen).toContain('You finished all 3 exercises!');
    expect(screen).toMatch(/Decorators\s+3\/3 done, 1 failed run\(s\) on the way, 25 min/);
    expect(screen).toContain('You can now write decorators that keep metadata.');
  });
});

describe('keys', () => {
  test('h reveals hints progressively and remembers them', () => {
    const { model, effects } = play([key('h'), key('h'), key('h')]);
    const screen = renderWatch(model, view);
    expect(screen).toContain('Hint 1/2: first nudge');
    expect(screen).toContain('Hint 2/2: nearly there');
    expect(model.state.exercises[first]?.hintsShown).toBe(2);
    // The third h has no new hint to save; it says that was the last one.
    expect(effects.filter((effect) => effect === 'save')).toHaveLength(2);
    expect(screen).toContain('That was the last hint');
  });

  test('x asks before resetting; anything but y cancels', () => {
    const asked = play([key('x')]);
    expect(renderWatch(asked.model, view)).toContain('Reset 01_logged to its starting point?');
    expect(play([key('n')], asked.model).effects).toEqual([]);
    expect(play([key('y')], asked.model).effects).toEqual(['reset:01_logged']);
  });

  test('e asks to open the exercise on screen in the editor, and shows what became of it', () => {
    const asked = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: failed }, key('e')]);
    expect(asked.effects).toEqual(['run:01_logged', 'save', 'open-editor:01_logged']);
    expect(renderWatch(asked.model, view)).toMatch(/\be\b.*edit/);
    const told = play([{ type: 'editor-note', text: 'Your editor runs in this terminal: press q, then run `vim +23 x.py`.' }], asked.model);
    expect(renderWatch(told.model, view)).toContain('press q, then run `vim +23 x.py`');
  });

  test('c checks every done exercise and lists regressions', () => {
    const done = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }]).model;
    const checking = play([key('c')], done);
    expect(checking.effects).toEqual(['check-all']);
    const { model } = play([{ type: 'check-finished', results: [{ id: first, outcome: failed }] }], checking.model);
    expect(renderWatch(model, view)).toContain('These finished exercises fail now: 01_logged');
  });

  test('q quits with 0 and Ctrl-C with 130, both after saving', () => {
    expect(play([key('q')]).effects).toEqual(['save', 'quit:0']);
    expect(play([named('ctrl-c')]).effects).toEqual(['save', 'quit:130']);
    expect(play([key('l'), named('ctrl-c')]).effects).toEqual(['save', 'quit:130']);
  });

  test('a failed reset is said on screen, and nothing runs', () => {
    const { model, effects } = play([key('x'), key('y'), { type: 'reset-failed', id: first, message: 'EACCES: permission denied' }]);
    expect(effects).toEqual(['reset:01_logged']);
    expect(model.screen).toBe('exercise');
    expect(renderWatch(model, view)).toContain('01_logged was not reset: EACCES: permission denied');
  });

  test('a reset that worked re-runs the exercise and keeps progress as it was', () => {
    const done = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }]).model;
    const { model, effects } = play([{ type: 'reset-done', id: first }], done);
    expect(effects).toEqual(['run:01_logged']);
    expect(model.state).toEqual(done.state);
    expect(model.note).toContain('01_logged was reset');
  });

  test('a check that could not run ends the checking and says why', () => {
    const done = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }]).model;
    const { model } = play([key('c'), { type: 'check-failed', message: 'Vitest did not start' }], done);
    expect(model.checking).toBe(false);
    expect(renderWatch(model, view)).toContain('The finished exercises could not be checked: Vitest did not start');
  });
});

describe('the list screen', () => {
  const listed = (): Model => play([key('l')]).model;

  test('shows every exercise with its state and the cursor on the current one', () => {
    const screen = renderWatch(listed(), view);
    expect(screen).toMatch(/› 01 logged\s+→ current/);
    expect(screen).toMatch(/03 timed\s+locked/);
  });

  test('j/k and arrows move; Enter on a locked exercise only explains', () => {
    const { model, effects } = play([key('j'), named('down'), named('enter')], listed());
    expect(model.list.cursor).toBe(2);
    expect(effects).toEqual([]);
    expect(model.note).toContain('03_timed is locked');
    expect(play([named('up'), key('k')], model).model.list.cursor).toBe(0);
  });

  test('Enter on an unlocked exercise opens and runs it', () => {
    const { model, effects } = play([named('enter')], listed());
    expect(model.screen).toBe('exercise');
    expect(effects).toEqual(['run:01_logged', 'save']);
  });

  test('/ searches; d and p filter done and pending; q goes back', () => {
    const searched = play([key('/'), key('w'), key('r'), named('enter')], listed()).model;
    expect(renderWatch(searched, view)).toMatch(/02 wraps/);
    expect(renderWatch(searched, view)).not.toMatch(/01 logged/);
    expect(renderWatch(play([key('d')], listed()).model, view)).toContain('(no exercise matches)');
    expect(renderWatch(play([key('p')], listed()).model, view)).toMatch(/01 logged[\s\S]*03 timed/);
    expect(play([key('q')], listed()).model.screen).toBe('exercise');
  });

  test('r asks to reset the selected exercise', () => {
    const { model } = play([key('r')], listed());
    expect(model.screen).toBe('confirm-reset');
    expect(model.confirm).toEqual({ id: first, back: 'list' });
  });
});

describe('pieces', () => {
  test.each([
    [0, 10, '[>---------------------------------------] 0/10'],
    [5, 10, '[####################>-------------------] 5/10'],
    [10, 10, '[########################################] 10/10'],
  ])('progress bar %i/%i', (done, total, bar) => {
    expect(renderProgressBar(done, total, 80)).toBe(bar);
  });

  test('hyperlinks are OSC 8 only when enabled', () => {
    expect(hyperlink('a.py', '/w/a.py', false)).toBe('a.py');
    expect(hyperlink('a.py', '/w/a.py', true)).toBe('\u001b]8;;file:///w/a.py\u0007a.py\u001b]8;;\u0007');
  });

  test.each([
    ['q', [{ name: 'char', char: 'q' }]],
    ['\r', [{ name: 'enter' }]],
    ['\u001b[A\u001b[B', [{ name: 'up' }, { name: 'down' }]],
    ['\u0003', [{ name: 'ctrl-c' }]],
    ['\u007f', [{ name: 'backspace' }]],
    ['\u001b[C', []],
  ])('parseKeys(%j)', (chunk, keys) => {
    expect(parseKeys(chunk)).toEqual(keys);
  });

  test.each([
    ['', [{ name: 'enter' }]],
    ['r', [{ name: 'char', char: 'r' }]],
    ['  quit ', [{ name: 'char', char: 'q' }]],
  ])('parseLine(%j)', (line, keys) => {
    expect(parseLine(line)).toEqual(keys);
  });
});

describe('an exercise this engine cannot run (needs native CPython)', () => {
  const unsupported: SuiteOutcome = {
    kind: 'unsupported',
    reason: '02_wraps needs native CPython (it uses threads, which the embedded Python cannot do)',
    fix: 'Install CPython 3.12 or newer, e.g. `uv python install 3.13`, then run `advpy-kata doctor`.',
  };
  const atSecond = (): Model =>
    play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }, key('n'), { type: 'run-finished', id: second, outcome: unsupported }]).model;

  test('the screen says why and offers s; s marks it skipped (not done) and runs the next one', () => {
    const before = atSecond();
    const screen = renderWatch(before, view);
    expect(screen).toContain('needs native CPython');
    expect(screen).toContain('Press s to skip it for now');
    expect(screen).toMatch(/s skip for now/);
    const { model, effects } = play([key('s')], before);
    expect(model.state.exercises[second]?.status).toBe('skipped');
    expect(model.state.current).toBe(third);
    expect(model.shown).toBe(third);
    expect(effects).toEqual(['run:03_timed', 'save']);
    const after = renderWatch(model, view);
    expect(after).toContain('02_wraps is skipped until a native CPython is found');
    expect(after, 'the progress bar counts it apart from the done ones').toContain('] 1/3 (1 skipped)');
  });

  test('s on an exercise that can run skips nothing', () => {
    const { model, effects } = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: failed }, key('s')]);
    expect(model.state.exercises[first]?.status).toBe('pending');
    expect(effects).toEqual(['run:01_logged', 'save']);
    expect(model.note).toContain('Only an exercise that cannot run here');
  });

  test('skipping the last exercise reaches the finish screen, which lists what is still owed', () => {
    let model = atSecond();
    model = play([key('s'), { type: 'run-finished', id: third, outcome: passed }], model).model;
    expect(model.screen).toBe('finish');
    const screen = renderWatch(model, { ...view, columns: 200 });
    expect(screen).toContain('2 of 3 exercises done');
    expect(screen).toContain('Skipped until a native CPython is found: 02_wraps');
  });

  test('when a native Python appears, start offers skipped exercises again and runs the first', () => {
    const skipped = play([key('s')], atSecond()).model;
    const { model, effects } = play([{ type: 'start', runnable: [second] }], { ...skipped, running: undefined });
    expect(model.state.exercises[second]?.status).toBe('pending');
    expect(model.state.current).toBe(second);
    expect(effects).toEqual(['run:02_wraps', 'save']);
    expect(renderWatch(model, view)).toContain('A native CPython is here now, so 02_wraps can run');
  });

  test('start without a runnable skipped exercise leaves them skipped', () => {
    const skipped = play([key('s')], atSecond()).model;
    const { model } = play([{ type: 'start', runnable: [] }], { ...skipped, running: undefined });
    expect(model.state.exercises[second]?.status).toBe('skipped');
  });
});

describe('t: what ran when', () => {
  const withTimeline: SuiteOutcome = {
    kind: 'failed',
    durationMs: 5,
    tests: [
      {
        name: 'the waits overlap',
        path: [],
        status: 'failed',
        durationMs: 1,
        failure: { message: 'at most 1 call was in flight' },
        timelines: [{ caption: '4 fetches', spans: [0, 1, 2, 3].map((i) => ({ lane: 'worker_0', label: `u${i}`, start: i, end: i + 1 })) }],
      },
    ],
  };
  const reference = { 'the waits overlap': [{ caption: '4 fetches', spans: [0, 1, 2, 3].map((i) => ({ lane: `worker_${i}`, label: `u${i}`, start: 0, end: 1 })) }] };

  test('t swaps the failure for the timeline beside the reference run, and back', () => {
    const start = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: withTimeline }]).model;
    expect(renderWatch(start, view)).toMatch(/t timeline/);
    const shown = play([key('t')], start).model;
    expect(shown.picture).toBe(true);
    const screen = renderWatch(shown, { ...view, referenceTimelines: () => reference });
    expect(screen).toContain('Your calls ran one after another; the solution overlaps them (up to 4 at once).');
    expect(screen).toMatch(/t failures/);
    expect(play([key('t')], shown).model.picture).toBe(false);
  });

  test('t after a run without a timeline says why nothing is drawn', () => {
    const { model } = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: failed }, key('t')]);
    expect(model.picture).toBe(false);
    expect(model.note).toContain('This run recorded no timeline');
  });
});

describe('p: the learner profile', () => {
  const withProfile: SuiteOutcome = {
    kind: 'failed',
    durationMs: 5,
    tests: [
      {
        name: 'report is at least 10x faster',
        path: [],
        status: 'failed',
        durationMs: 1,
        failure: { message: 'only 1.2x faster' },
        profile: { caption: 'your report()', rows: [{ name: 'find_customer', file: '36_profile.py', line: 12, ownSeconds: 0.05, calls: 500 }] },
      },
    ],
  };

  test('p shows the bar chart of own time, and p again goes back', () => {
    const start = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: withProfile }]).model;
    expect(renderWatch(start, view)).toMatch(/p profile/);
    const shown = play([key('p')], start).model;
    const screen = renderWatch(shown, view);
    expect(screen).toContain('your report(): own time per function, most first');
    expect(screen).toMatch(/find_customer \(36_profile\.py:12\) █+ 50 ms 100% 500 calls/);
    expect(play([key('p')], shown).model.picture).toBe(false);
  });

  test('p after a run without a profile says why nothing is drawn', () => {
    const { model } = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: failed }, key('p')]);
    expect(model.note).toContain('This run recorded no profile');
  });
});
