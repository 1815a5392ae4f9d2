/**
 * Colour and glyphs, the only place that knows about either. Every glyph has an
 * ASCII fallback for terminals (and Windows code pages) that cannot show it.
 */
import picocolors from 'picocolors';

export interface Theme {
  /** False when colour is off; Vitest's pre-coloured diffs are stripped then. */
  color: boolean;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  glyph: Glyphs;
}

export interface Glyphs {
  pass: string;
  fail: string;
  skip: string;
  arrow: string;
  bullet: string;
  lock: string;
  /** Marks cut text. */
  ellipsis: string;
  /** The list cursor, and the separator between a describe block and its test. */
  pointer: string;
  /** The left rule in front of captured output. */
  rule: string;
  /** The text cursor while searching. */
  caret: string;
  /** The up and down keys. */
  upDown: string;
  /** Between items of one line (the key bar). */
  dot: string;
}

export function createTheme(color: boolean, unicode = true): Theme {
  const c = picocolors.createColors(color);
  return {
    color,
    green: c.green,
    red: c.red,
    yellow: c.yellow,
    cyan: c.cyan,
    dim: c.dim,
    bold: c.bold,
    glyph: unicode
      ? { pass: '✓', fail: '✗', skip: '○', arrow: '→', bullet: '•', lock: '🔒', ellipsis: '…', pointer: '›', rule: '│', caret: '▏', upDown: '↑↓', dot: '·' }
      : { pass: 'v', fail: 'x', skip: 'o', arrow: '->', bullet: '*', lock: '#', ellipsis: '...', pointer: '>', rule: '|', caret: '_', upDown: 'up/down', dot: '-' },
  };
}

/** Terminals that cannot be trusted with Unicode: Windows console code pages, or a dumb TERM. */
export function supportsUnicode(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (env.ADVPY_ASCII === '1' || env.TERM === 'dumb') return false;
  if (platform !== 'win32') return true;
  return Boolean(env.WT_SESSION || env.TERM_PROGRAM === 'vscode' || env.ConEmuTask);
}

/** The theme for a command's streams: colour as decided by the Io, glyphs as the terminal allows. */
export function themeFor(io: { color: boolean; env: NodeJS.ProcessEnv }): Theme {
  return createTheme(io.color, supportsUnicode(io.env, process.platform));
}
