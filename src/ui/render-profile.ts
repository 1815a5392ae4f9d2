/**
 * A profile drawn in the terminal: one bar per function, as long as its share of
 * the own time, so the hot spot is seen before it is read. Pure, like the timeline.
 */
import type { Profile } from '../core/profile.js';
import { formatDuration } from './render-timeline.js';
import { cutLine, visibleWidth } from './layout.js';
import type { Theme } from './theme.js';

/** People read the top of a profile; the rest is counted. */
const MAX_ROWS = 8;
const MIN_BAR = 8;
const NAME_MAX = 40;

export function renderProfile(profile: Profile, width: number, theme: Theme): string[] {
  const cut = (line: string) => cutLine(line, width, theme.glyph.ellipsis);
  const lines = [cut(theme.bold(`${profile.caption}: own time per function, most first`))];
  if (profile.rows.length === 0) return [...lines, theme.dim('  (nothing was recorded)')];
  const unicode = theme.glyph.rule === '│';
  const fill = unicode ? '█' : '#';
  const micro = unicode ? 'µs' : 'us';
  const shown = profile.rows.slice(0, MAX_ROWS);
  const total = profile.rows.reduce((sum, row) => sum + row.ownSeconds, 0) || Number.EPSILON;
  const labels = shown.map((row) => `${row.name} (${row.file}:${row.line})`);
  const figures = shown.map((row) => `${formatDuration(row.ownSeconds, micro)} ${Math.round((row.ownSeconds / total) * 100)}% ${row.calls} call${row.calls === 1 ? '' : 's'}`);
  const labelWidth = Math.min(NAME_MAX, Math.floor(width * 0.45), Math.max(...labels.map(visibleWidth)));
  const figureWidth = Math.max(...figures.map(visibleWidth));
  const barWidth = Math.max(MIN_BAR, width - labelWidth - figureWidth - 3);
  const largest = shown[0]?.ownSeconds || Number.EPSILON;
  shown.forEach((row, index) => {
    // Bars are scaled to the hottest row, so the top one always fills the track; any time at all shows.
    const cells = row.ownSeconds === 0 ? 0 : Math.max(1, Math.round((row.ownSeconds / largest) * barWidth));
    const label = pad(cutLine(labels[index] ?? '', labelWidth, theme.glyph.ellipsis), labelWidth);
    const bar = pad(fill.repeat(cells), barWidth);
    const line = `${index === 0 ? theme.bold(label) : label} ${index === 0 ? theme.red(bar) : bar} ${figures[index] ?? ''}`;
    lines.push(cut(line));
  });
  if (profile.rows.length > shown.length) lines.push(theme.dim(`  ${profile.rows.length - shown.length} more function(s) not shown`));
  return lines;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}
