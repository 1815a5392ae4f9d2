/** The watch screen laid out for the terminal: render(model, size) -> string, headless. */
import { describe, expect, test } from 'vitest';
import { deriveExercise, type Exercise } from '../../src/core/manifest.js';
import type { SuiteOutcome, TestReport } from '../../src/core/outcome.js';
import { initialState } from '../../src/core/state.js';
import { initialModel, update, type Event, type Model } from '../../src/watch/machine.js';
import { renderWatch, type WatchView } from '../../src/watch/render.js';
import { visibleWidth } from '../../src/ui/layout.js';
import { createTheme } from '../../src/ui/theme.js';

const exercises: Exercise[] = ['logged', 'wraps'].map((name, index) =>
  deriveExercise({ number: index + 1, name, chapter: '01_decorators', title: `about ${name}`, hints: ['first nudge', 'nearly there'], requires: { python: '3.12', capabilities: [] }, timeoutMs: 5000 }),
);
const [first] = exercises.map((exercise) => exercise.id) as [string, string];

function viewOf(columns: number, rows: number | undefined, unicode = true): WatchView {
  return {
    theme: createTheme(false, unicode),
    displayPath: (exercise) => `exercises/${exercise.workspacePath}`,
    absolutePath: (exercise) => `/ws/exercises/${exercise.workspacePath}`,
    hyperlinks: false,
    engineLine: () => 'engine: native CPython 3.13.0 (found by pyenv, the newest 3.12+ on this machine)',
    isLearnerFile: () => () => true,
    columns,
    rows,
  };
}

const LONG_MESSAGE =
  'logged(add)(2, 3) should print "calling add", then let add run (which prints "inside add"). ' +
  'The body of logged runs at decoration time; the print belongs inside the inner function that logged returns, which runs on every call.';

function failing(name: string, lines = 120): TestReport {
  return {
    name,
    path: [],
    status: 'failed',
    durationMs: 1,
    failure: { message: `${name}: ${LONG_MESSAGE}`, comparison: { expected: 'calling add\ninside add\n', received: 'inside add\n', text: true } },
    output: { stdout: Array.from({ length: lines }, (_, index) => `printed line ${index}`).join('\n'), stderr: '', truncated: { stdout: 0, stderr: 0 }, warnings: [] },
  };
}

const passing = (name: string): TestReport => ({ name, path: ['group'], status: 'passed', durationMs: 1 });
const bigFailure: SuiteOutcome = {
  kind: 'failed',
  tests: [failing('prints first'), ...Array.from({ length: 10 }, (_, index) => passing(`passes ${index} with a name long enough to need cutting on a narrow terminal`)), failing('prints second', 3)],
  durationMs: 5,
};

function play(events: Event[], model: Model = initialModel(exercises, initialState(exercises), false)): Model {
  for (const event of events) model = update(model, event)[0];
  return model;
}

const key = (char: string): Event => ({ type: 'key', key: { name: 'char', char } });
const shownFailing = (): Model => play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: bigFailure }]);

describe('the exercise screen fits the terminal', () => {
  test.each([
    [120, 45, true],
    [80, 24, true],
    [60, 20, true],
    // Too small for any detail: the screen still fits, header first.
    [40, 12, false],
  ])('%i columns x %i rows: no line too wide, no row too many, the header on top', (columns, rows, detail) => {
    const screen = renderWatch(shownFailing(), viewOf(columns, rows));
    const lines = screen.split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    for (const line of lines) expect(visibleWidth(line), line).toBeLessThan(columns);
    expect(lines[0]).toMatch(/^advpy-kata • 01_logged/);
    if (detail) expect(screen.replace(/\n/g, ' '), screen).toMatch(/more line\(s\) not shown: `advpy-kata run 01` in another shell shows them all/);
  });

  test('the first failure is shown in detail, the others only in the list', () => {
    const screen = renderWatch(shownFailing(), viewOf(120, 45));
    expect(screen).toContain('✗ prints first\n');
    expect(screen).toContain('   prints first: logged(add)(2, 3)');
    expect(screen).not.toContain('prints second: logged');
    expect(screen).toContain('Showing failure 1 of 2: f for the next, F for the one before.');
  });

  test('f shows the next failure, F the one before, and both wrap around', () => {
    expect(renderWatch(play([key('f')], shownFailing()), viewOf(120, 45))).toContain('prints second: logged');
    expect(renderWatch(play([key('f'), key('f')], shownFailing()), viewOf(120, 45))).toContain('prints first: logged');
    expect(renderWatch(play([key('F')], shownFailing()), viewOf(120, 45))).toContain('Showing failure 2 of 2');
  });

  test('long text wraps between words, never inside one', () => {
    const screen = renderWatch(shownFailing(), viewOf(50, 60));
    const words = screen.split(/\s+/);
    for (const word of LONG_MESSAGE.split(' ')) expect(words).toContain(word);
  });

  test('piped output (no terminal size) keeps every line', () => {
    const screen = renderWatch(shownFailing(), viewOf(120, undefined));
    expect(screen).toContain('printed line 39');
    expect(screen).not.toContain('not shown: `advpy-kata run');
  });

  test('a resized terminal gets a screen for its new size', () => {
    const model = shownFailing();
    expect(renderWatch(model, viewOf(120, 45)).split('\n').length).toBeGreaterThan(renderWatch(model, viewOf(120, 20)).split('\n').length);
  });
});

describe('every glyph has an ASCII fallback', () => {
  test.each<[string, Event[]]>([
    ['the exercise screen', [{ type: 'start' }, { type: 'run-finished', id: first, outcome: bigFailure }]],
    ['the list while searching', [key('l'), key('/'), key('w')]],
    ['the running screen', [{ type: 'start' }]],
  ])('%s', (_name, events) => {
    const screen = renderWatch(play(events), viewOf(60, 30, false));
    expect(screen.replace(/[\x20-\x7e\n]/g, '')).toBe('');
  });
});

describe('stale lines go', () => {
  const passed: SuiteOutcome = { kind: 'passed', tests: [passing('works')], durationMs: 5 };

  test('hints shown before a pass go when it passes', () => {
    const hinted = play([key('h')], shownFailing());
    expect(renderWatch(hinted, viewOf(120, 45))).toContain('Hint 1/2: first nudge');
    const after = play([{ type: 'file-changed', id: first }, { type: 'run-finished', id: first, outcome: passed }], hinted);
    expect(renderWatch(after, viewOf(120, 45))).not.toContain('Hint 1/2');
  });

  test('"these finished exercises fail now" goes once the exercise passes again', () => {
    const done = play([{ type: 'start' }, { type: 'run-finished', id: first, outcome: passed }]);
    const regressed = play([key('c'), { type: 'check-finished', results: [{ id: first, outcome: bigFailure }] }], done);
    expect(renderWatch(regressed, viewOf(120, 45))).toContain('These finished exercises fail now: 01_logged');
    const fixed = play([{ type: 'file-changed', id: first }, { type: 'run-finished', id: first, outcome: passed }], regressed);
    expect(renderWatch(fixed, viewOf(120, 45))).not.toContain('fail now');
  });

  test('h after the last hint says so', () => {
    const model = play([key('h'), key('h'), key('h')]);
    const screen = renderWatch(model, viewOf(120, 45));
    expect(screen).toContain('That was the last hint (2 of 2).');
    expect(screen).toContain('advpy-kata solution 01 --force');
  });
});
