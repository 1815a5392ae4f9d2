/**
 * A line diff for expected-versus-received: which lines the test wanted that are
 * missing, which the code gave that are extra, and which match. A plain LCS table,
 * hand-written because the inputs are a few dozen lines and the output is ours to
 * word; Vitest's own diff carries its wording and colours.
 */

export type DiffLine = { kind: 'same' | 'expected' | 'received'; text: string };

/** Past this many lines per side the table gets big; the caller shows both sides instead. */
export const DIFF_MAX_LINES = 300;

export function diffLines(expected: readonly string[], received: readonly string[]): DiffLine[] | undefined {
  if (expected.length > DIFF_MAX_LINES || received.length > DIFF_MAX_LINES) return undefined;
  const rows = expected.length + 1;
  const cols = received.length + 1;
  // lengths[i * cols + j]: LCS length of expected[i..] and received[j..].
  const lengths = new Uint16Array(rows * cols);
  for (let i = expected.length - 1; i >= 0; i--) {
    for (let j = received.length - 1; j >= 0; j--) {
      lengths[i * cols + j] =
        expected[i] === received[j]
          ? (lengths[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * cols + j] ?? 0, lengths[i * cols + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < expected.length || j < received.length) {
    if (i < expected.length && j < received.length && expected[i] === received[j]) {
      out.push({ kind: 'same', text: expected[i++] ?? '' });
      j++;
    } else if (j >= received.length || (i < expected.length && (lengths[(i + 1) * cols + j] ?? 0) >= (lengths[i * cols + j + 1] ?? 0))) {
      out.push({ kind: 'expected', text: expected[i++] ?? '' });
    } else {
      out.push({ kind: 'received', text: received[j++] ?? '' });
    }
  }
  return out;
}
