/**
 * Learner output is data, never terminal commands. Text that came from the
 * learner's code (what it printed, exception messages, source lines) passes
 * through here before any renderer shows it:
 *
 * - escape sequences (CSI such as `\x1b[2J`, OSC such as window titles and
 *   hyperlinks, DCS/SOS/PM/APC strings, and two-byte escapes such as `\x1bc`)
 *   are shown as visible text, so `print("\x1b[2J")` cannot wipe the verdict;
 * - other control characters are shown by name (`\x07`), except newline and tab;
 * - lone surrogates (from `print("\udcff")`, or undecodable bytes) are shown as
 *   `\udcff`, so they can neither crash an encoder nor vanish;
 * - text longer than a cap is cut, with a note saying how much was left out.
 *
 * Hand-written rather than a package: `stripVTControlCharacters` deletes what we
 * want shown, and the whole job is one pass over the string.
 */

/** Visible stand-in for a control character: `\x1b`, `\x07`. */
function visible(code: number): string {
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/**
 * The text with every control sequence made visible and inert. Newlines and tabs
 * are kept; `\r\n` becomes `\n`, and a lone `\r` (which would overwrite the line)
 * is shown.
 */
export function sanitizeTerminalText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x09) {
      out += text[i];
    } else if (code === 0x0d) {
      out += text[i + 1] === '\n' ? '' : '\\r';
    } else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      // C0 and C1 controls, ESC among them: show the introducer, and the rest of
      // the sequence follows as ordinary (now harmless) characters.
      out += visible(code);
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i++;
      } else {
        out += `\\u${code.toString(16)}`;
      }
    } else {
      out += text[i];
    }
  }
  return out;
}

/** `text` cut to `max` characters, with a note of how many were left out. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const left = text.length - max;
  return `${text.slice(0, max)}… (${left.toLocaleString('en-US')} more character${left === 1 ? '' : 's'} not shown)`;
}

/** The longest exception message shown in full; the rest is counted, not printed. */
export const MESSAGE_CAP = 2000;

/** Sanitised and capped: the form every renderer shows learner-made text in. */
export function learnerText(text: string, max = MESSAGE_CAP): string {
  return sanitizeTerminalText(capText(text, max));
}
