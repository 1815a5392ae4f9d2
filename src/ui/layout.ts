/**
 * Fitting coloured text to a terminal: visible width, word wrap, and cutting a
 * line with an ellipsis. Escape sequences (colour, OSC 8 links) take no columns
 * and are never split.
 *
 * Hand-written rather than wrap-ansi + string-width: the screen needs three small
 * operations over text we colour ourselves (learner text is sanitised before it
 * gets here, so the only escapes are ours), and the width table below covers the
 * wide and zero-width characters a terminal actually shows. If this grows, switch
 * to those packages.
 */

/** Our own escapes: SGR colour (CSI … m) and OSC 8 hyperlinks. */
const ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/y;
const RESET = '\u001b[0m';

/** Columns one code point takes: 0 for combining marks, 2 for East Asian wide and emoji. */
export function charWidth(code: number): number {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Pieces of a line: escapes (width 0, kept whole) and single code points. */
function* pieces(text: string): Generator<{ text: string; width: number; escape: boolean }> {
  let index = 0;
  while (index < text.length) {
    ESCAPE.lastIndex = index;
    const escape = ESCAPE.exec(text);
    if (escape) {
      yield { text: escape[0], width: 0, escape: true };
      index += escape[0].length;
      continue;
    }
    const code = text.codePointAt(index) ?? 0;
    const char = String.fromCodePoint(code);
    yield { text: char, width: charWidth(code), escape: false };
    index += char.length;
  }
}

/** Columns the text takes on a terminal (one line; escapes count zero). */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const piece of pieces(text)) width += piece.width;
  return width;
}

/** The line cut to `width` columns, ending in `ellipsis` when something was cut. */
export function cutLine(line: string, width: number, ellipsis: string): string {
  if (visibleWidth(line) <= width) return line;
  const room = Math.max(0, width - visibleWidth(ellipsis));
  let out = '';
  let used = 0;
  let coloured = false;
  for (const piece of pieces(line)) {
    if (piece.escape) {
      // Keep colour changes before the cut; links are dropped whole so none is left open.
      if (piece.text.startsWith('\u001b[')) {
        out += piece.text;
        coloured = true;
      }
      continue;
    }
    if (used + piece.width > room) break;
    out += piece.text;
    used += piece.width;
  }
  return `${out}${ellipsis}${coloured ? RESET : ''}`;
}

/**
 * One logical line as terminal rows of at most `width` columns, broken between
 * words. Continuation rows keep the line's indentation; a word wider than a row is
 * broken inside. Colour spans carry over (the terminal keeps the state across rows).
 */
export function wrapLine(line: string, width: number): string[] {
  if (width <= 0 || visibleWidth(line) <= width) return [line];
  const indent = /^ */.exec(line)?.[0] ?? '';
  const hang = indent.length < width / 2 ? indent : '';
  const words = line.slice(indent.length).split(' ');
  const rows: string[] = [];
  let row = indent;
  let used = indent.length;
  let empty = true;
  for (const word of words) {
    const wordWidth = visibleWidth(word);
    if (!empty && used + 1 + wordWidth <= width) {
      row += ` ${word}`;
      used += 1 + wordWidth;
      continue;
    }
    if (empty && used + wordWidth <= width) {
      row += word;
      used += wordWidth;
      empty = false;
      continue;
    }
    if (!empty) {
      rows.push(row);
      row = hang;
      used = hang.length;
    }
    // The word alone: it fits on the fresh row, or it is broken across rows.
    let rest = word;
    while (used + visibleWidth(rest) > width) {
      const [head, tail] = splitAt(rest, width - used);
      rows.push(row + head);
      row = hang;
      used = hang.length;
      rest = tail;
    }
    row += rest;
    used += visibleWidth(rest);
    empty = false;
  }
  rows.push(row);
  return rows;
}

/** The first `columns` columns of `text` and the rest (at least one character goes first). */
function splitAt(text: string, columns: number): [string, string] {
  let head = '';
  let used = 0;
  let length = 0;
  let chars = 0;
  for (const piece of pieces(text)) {
    if (!piece.escape && used + piece.width > columns && chars > 0) break;
    if (!piece.escape) chars += 1;
    head += piece.text;
    used += piece.width;
    length += piece.text.length;
  }
  return [head, text.slice(length)];
}

/** Every line of `text` wrapped to `width`. */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => wrapLine(line, width));
}
