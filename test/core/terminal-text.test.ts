import { describe, expect, test } from 'vitest';
import { capText, learnerText, MESSAGE_CAP, sanitizeTerminalText } from '../../src/core/terminal-text.js';
import { renderOutcome } from '../../src/ui/render-outcome.js';
import { themeFor } from '../../src/ui/theme.js';
import { memoryIo } from '../helpers/io.js';

describe('sanitizeTerminalText', () => {
  test.each([
    ['plain text, newlines and tabs stay', 'a\tb\nc', 'a\tb\nc'],
    ['clear screen is shown, not obeyed', 'x\u001b[2Jy', 'x\\x1b[2Jy'],
    ['alternate screen', '\u001b[?1049h', '\\x1b[?1049h'],
    ['window title (OSC, BEL-terminated)', '\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['DCS string', '\u001bPq#0\u001b\\', '\\x1bPq#0\\x1b\\'],
    ['a full reset', '\u001bc', '\\x1bc'],
    ['a C1 CSI', '\u009b2J', '\\x9b2J'],
    ['CRLF becomes LF, a lone CR is shown', 'a\r\nb\rc', 'a\nb\\rc'],
    ['a lone surrogate is shown by its code', 'bad \udcff byte', 'bad \\udcff byte'],
    ['a real surrogate pair (emoji) stays', 'ok 🐍', 'ok 🐍'],
    ['NUL and DEL', 'a\u0000b\u007f', 'a\\x00b\\x7f'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeTerminalText(input)).toBe(expected);
  });

  test('the result never contains a control character but newline and tab', () => {
    let all = '';
    for (let code = 0; code < 0x200; code++) all += String.fromCharCode(code);
    // eslint-disable-next-line no-control-regex
    expect(sanitizeTerminalText(all)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('capText', () => {
  test('keeps short text whole and says how much of long text was left out', () => {
    expect(capText('short', 10)).toBe('short');
    expect(capText('x'.repeat(12), 10)).toBe(`${'x'.repeat(10)}… (2 more characters not shown)`);
    expect(learnerText('y'.repeat(5_000_000)).length).toBeLessThan(MESSAGE_CAP + 100);
  });
});

describe('renderOutcome shows hostile learner output as inert text', () => {
  const theme = themeFor(memoryIo('/tmp'));
  const context = { theme, displayPath: 'ex.py', isLearnerFile: () => true };

  test('escape sequences in output, exception messages and source lines are visible and capped', () => {
    const text = renderOutcome(
      {
        kind: 'failed',
        durationMs: 1,
        tests: [
          {
            name: 'prints',
            path: [],
            status: 'failed',
            durationMs: 1,
            failure: {
              message: 'Python raised ValueError',
              python: {
                kind: 'exception',
                phase: 'test',
                error: {
                  type: 'ValueError',
                  module: 'builtins',
                  message: `\u001b]0;title\u0007${'m'.repeat(5_000_000)}`,
                  frames: [{ file: '/w/ex.py', line: 3, name: 'f', code: 'print("\u001b[2J")', learner: true }],
                  notes: [],
                },
              },
            },
            output: { stdout: '\u001b[?1049hhello \udcff\n', stderr: '', truncated: { stdout: 0, stderr: 0 }, warnings: [] },
          },
        ],
      },
      context,
    );
    expect(text).not.toContain('\u001b]');
    expect(text).not.toContain('\u001b[?1049h');
    expect(text).not.toContain('\u001b[2J');
    expect(text).toContain('\\x1b]0;title\\x07');
    expect(text).toContain('print("\\x1b[2J")');
    expect(text).toContain('\\x1b[?1049hhello \\udcff');
    expect(text).toMatch(/more characters not shown/);
    expect(text.length).toBeLessThan(20_000);
  });
});

describe('renderOutcome explains a disturbed runner channel', () => {
  test('says what happened, shows what arrived (inert), and what to do instead', () => {
    const theme = themeFor(memoryIo('/tmp'));
    const text = renderOutcome(
      {
        kind: 'failed',
        durationMs: 1,
        tests: [
          {
            name: 'meddles',
            path: [],
            status: 'failed',
            durationMs: 1,
            failure: { message: 'x', python: { kind: 'channel', phase: 'test', received: '{"id": 2, "ok": false}\u001b[2J' } },
          },
        ],
      },
      { theme, displayPath: 'ex.py', isLearnerFile: () => true },
    );
    expect(text).toContain("The runner's private channel to Python was disturbed");
    expect(text).toContain('received: {"id": 2, "ok": false}\\x1b[2J');
    expect(text).toContain('os.write, os.close, os.dup2');
  });
});
