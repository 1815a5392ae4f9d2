/** The exercise table for `list`. */
import type { ExerciseStatus } from '../core/state.js';
import type { Capability } from '../core/capabilities.js';
import type { Theme } from './theme.js';

export interface ExerciseRow {
  number: number;
  name: string;
  chapter: string;
  path: string;
  state: ExerciseStatus;
  requires: { python: string; capabilities: Capability[] };
}

export function stateLabel(state: ExerciseStatus, theme: Theme): string {
  switch (state) {
    case 'done':
      return `${theme.glyph.pass} done`;
    case 'skipped':
      return `${theme.glyph.skip} skipped (needs native CPython)`;
    case 'current':
      return `${theme.glyph.arrow} current`;
    case 'pending':
    case 'locked':
      return state;
  }
}

export function colorState(state: ExerciseStatus, text: string, theme: Theme): string {
  switch (state) {
    case 'done':
      return theme.green(text);
    case 'current':
      return theme.cyan(text);
    case 'skipped':
      return theme.yellow(text);
    case 'pending':
      return text;
    case 'locked':
      return theme.dim(text);
  }
}

export function renderExerciseTable(rows: readonly ExerciseRow[], theme: Theme): string {
  const header = ['#', 'chapter', 'name', 'state', 'path'];
  const cells = rows.map((row) => [String(row.number).padStart(2, '0'), row.chapter, row.name, stateLabel(row.state, theme), row.path]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => [...(cell[column] ?? '')].length)));
  // Pad plain text first and colour afterwards: colour codes have no width on screen.
  const pad = (text: string, column: number): string => text + ' '.repeat(Math.max(0, (widths[column] ?? 0) - [...text].length));
  const lines = [theme.bold(header.map(pad).join('  ').trimEnd())];
  rows.forEach((row, index) => {
    const cell = cells[index] ?? [];
    const padded = cell.map((text, column) => (column === cell.length - 1 ? text : pad(text, column)));
    padded[3] = colorState(row.state, padded[3] ?? '', theme);
    lines.push(padded.join('  '));
  });
  const done = rows.filter((row) => row.state === 'done').length;
  const skipped = rows.filter((row) => row.state === 'skipped').length;
  lines.push('', `${done}/${rows.length} done${skipped > 0 ? `, ${skipped} skipped until a native CPython is found (\`advpy-kata doctor\`)` : ''}`);
  return lines.join('\n');
}
