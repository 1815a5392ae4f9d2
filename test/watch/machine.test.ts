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
    effects.push(...emitted.map((effect) => ('id' in effect ? `${effect.type}:${effect.id}` : effect.type)));
  }
  return { model, effects };
}

describe('runs', () => {
  test.each([
    ['start runs the current exercise', [{ type: 'start' }], ['run:01_logged']],
    ['a save to the current exercise re-runs it', [{ type: 'start' }, { type: 'run-finished', id: '01_logged', outcome: failed }, { type: 'file-changed', id: '01_logged' }], ['run:01_logged', 'save', 'run:01_logged']],
    ['a save during a run queues one re-run instead of overlapping', [{ type: 'start' }, { type: 'file-changed', id: '01_logged' }, { type: 'file-changed', id: '01_logged' }], ['run:01_logged']],
    ['the queued re-run starts when the run ends', [{ type: 'start' }, { type: 'file-changed', id: '01_logged' }, { type: 'run-finished', id: '01_logged', outcome: failed }], ['run:01_logged', 'save', 'run:01_logged']],
    ['a save to a locked exercise runs nothing', [{ type: 'file-changed', id: '03_timed' }], []],
  ] as Array<[string, Event[], string[]]>)('%s', (_name, events, expected) => {
    expect(play(events).effects).toEqual(expected);
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

  test('finishing the last exercise shows the finish screen with attempts per chapter', () => {
    let model = initialModel(exercises, initialState(exercises), false);
    model = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: failed }, { type: 'file-changed', id: first }, { type: 'run-finished', id: first, outcome: passed }, key('n')], model).model;
    model = play([{ type: 'run-finished', id: second, outcome: passed }, key('n'), { type: 'run-finished', id: third, outcome: passed }], model).model;
    expect(model.screen).toBe('finish');
    const screen = renderWatch(model, view);
    expect(screen).toContain('You finished all 3 exercises!');
    expect(screen).toMatch(/01_decorators\s+3 exercises, 1 failed run\(s\)/);
  });
});

describe('keys', () => {
  test('h reveals hints progressively and remembers them', () => {
    const { model, effects } = play([key('h'), key('h'), key('h')]);
    const screen = renderWatch(model, view);
    expect(screen).toContain('Hint 1/2: first nudge');
    expect(screen).toContain('Hint 2/2: nearly there');
    expect(model.state.exercises[first]?.hintsShown).toBe(2);
    expect(effects.filter((effect) => effect === 'save')).toHaveLength(3);
  });

  test('x asks before resetting; anything but y cancels', () => {
    const asked = play([key('x')]);
    expect(renderWatch(asked.model, view)).toContain('Reset 01_logged to its starting point?');
    expect(play([key('n')], asked.model).effects).toEqual([]);
    expect(play([key('y')], asked.model).effects).toEqual(['reset:01_logged']);
  });

  test('c checks every done exercise and lists regressions', () => {
    const done = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }]).model;
    const checking = play([key('c')], done);
    expect(checking.effects).toEqual(['check-all']);
    const { model } = play([{ type: 'check-finished', results: [{ id: first, outcome: failed }] }], checking.model);
    expect(renderWatch(model, view)).toContain('These finished exercises fail now: 01_logged');
  });

  test('q and Ctrl-C save and quit', () => {
    expect(play([key('q')]).effects).toEqual(['save', 'quit']);
    expect(play([named('ctrl-c')]).effects).toEqual(['save', 'quit']);
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
