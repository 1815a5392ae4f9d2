/**
 * A program in a pseudo-terminal, for end-to-end tests of watch mode. Uses
 * util-linux `script`, which gives the child a real TTY and relays our pipe.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

export class PtySession {
  private output = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(command: string, cwd: string, env: NodeJS.ProcessEnv, size: { columns: number; rows: number } = { columns: 100, rows: 40 }) {
    // `script` gives the pty no size of its own when its input is a pipe; stty sets the
    // one the program reads (process.stdout.columns/rows), COLUMNS/LINES the fallback.
    const sized = `stty cols ${size.columns} rows ${size.rows} 2>/dev/null; exec ${command}`;
    this.child = spawn('script', ['-qfec', sized, '/dev/null'], {
      cwd,
      env: { ...env, COLUMNS: String(size.columns), LINES: String(size.rows) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      this.output += chunk.toString('utf8');
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Everything shown so far, without escape codes (OSC 8 links included). */
  text(): string {
    return stripVTControlCharacters(this.output.replace(/\u001b\]8;;[^\u0007]*\u0007/g, '')).replace(/\r\n/g, '\n');
  }

  /** Everything written so far, escape codes included. */
  raw(): string {
    return this.output;
  }

  /** Output written after the mark, so a later screen is not matched by an earlier one. */
  mark(): number {
    return this.text().length;
  }

  async waitFor(pattern: RegExp, from = 0, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const text = this.text().slice(from);
      if (pattern.test(text)) return text;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`timed out waiting for ${pattern}; the screen shows:\n${this.text().slice(from).slice(-3000)}`);
  }

  press(keys: string): void {
    this.child.stdin?.write(keys);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
