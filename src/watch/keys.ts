/** Raw terminal bytes -> keys. Only the keys watch mode uses are recognised. */
import type { Key } from './machine.js';

export function parseKeys(chunk: string): Key[] {
  const keys: Key[] = [];
  for (let index = 0; index < chunk.length; index++) {
    const rest = chunk.slice(index);
    if (rest.startsWith('\u001b[A') || rest.startsWith('\u001bOA')) {
      keys.push({ name: 'up' });
      index += 2;
    } else if (rest.startsWith('\u001b[B') || rest.startsWith('\u001bOB')) {
      keys.push({ name: 'down' });
      index += 2;
    } else if (rest.startsWith('\u001b[')) {
      // Another escape sequence (left/right, function keys): skip its final byte too.
      const end = rest.slice(2).search(/[A-Za-z~]/);
      index += end === -1 ? rest.length : end + 2;
    } else {
      const char = chunk[index] ?? '';
      if (char === '\u0003') keys.push({ name: 'ctrl-c' });
      else if (char === '\r' || char === '\n') keys.push({ name: 'enter' });
      else if (char === '\u001b') keys.push({ name: 'escape' });
      else if (char === '\u007f' || char === '\b') keys.push({ name: 'backspace' });
      else if (char >= ' ') keys.push({ name: 'char', char });
    }
  }
  return keys;
}

/** Line-based input (no terminal, --manual-run): an empty line is Enter, else its first character. */
export function parseLine(line: string): Key[] {
  const trimmed = line.trim();
  return trimmed === '' ? [{ name: 'enter' }] : [{ name: 'char', char: trimmed[0] ?? '' }];
}
