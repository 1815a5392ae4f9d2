/**
 * Saving progress when the disk may say no. A write that fails (a full disk, no
 * permission, a read-only mount) never loses progress and is never a crash: watch
 * mode keeps the newest state in memory, says so, and writes it again at the next
 * change and at quit; one-shot commands stop with a message and exit 74.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { State } from '../core/state.js';
import { writeFileAtomic } from './files.js';
import { writeState } from './state-file.js';
import { describeWriteError, type WriteProblem } from './write-problems.js';

export type SaveStatus = { kind: 'saved' } | { kind: 'unsaved'; message: string };

/** The last save, at quit: `note` is the sentence to end the session with. */
export type FinalSave = { kind: 'saved'; note: string } | { kind: 'unsaved'; note: string; rescue?: string };

export interface StateSaverOptions {
  /** Writes the file; injectable so tests can fail it with ENOSPC, EACCES or EROFS. */
  write?: (file: string, state: State) => Promise<void>;
  /** Called when progress becomes unsaved, or saved again, so a screen can redraw. */
  onChange?: () => void;
  /** Where a copy goes when the last save fails (default: the system temp folder, often another disk). */
  rescueDir?: string;
}

/**
 * Watch mode's saver. Saves are chained, so an older state never lands after a
 * newer one, and coalesced: each write takes the newest state, so a failed save
 * is retried by the next change with everything since. `flush` retries at quit.
 */
export class StateSaver {
  private chain: Promise<void> = Promise.resolve();
  /** The newest state not yet known to be on disk. */
  private pending: State | undefined;
  private problem: WriteProblem | undefined;
  private readonly write: (file: string, state: State) => Promise<void>;

  constructor(
    readonly file: string,
    private readonly options: StateSaverOptions = {},
  ) {
    this.write = options.write ?? writeState;
  }

  /** The sentence to show while progress is only in memory; undefined when all is saved. */
  get notice(): string | undefined {
    if (this.problem === undefined) return undefined;
    return (
      `Your progress could not be saved to ${this.file}: ${this.problem.what}. ` +
      `It is kept in memory and saved at your next change and when you quit. ${this.problem.todo}.`
    );
  }

  /** Queue a write of `state`; resolves once it (or a newer state) was tried. Never rejects. */
  save(state: State): Promise<SaveStatus> {
    this.pending = state;
    return this.flush();
  }

  /** Write the pending state, if any (at quit: the last retry). Never rejects. */
  flush(): Promise<SaveStatus> {
    this.chain = this.chain.then(() => this.writePending());
    return this.chain.then(() => this.status());
  }

  /**
   * The last try, at quit. If it fails too, the state goes to a rescue file in the
   * temp folder, and the note says how to put it back; failing that, it names
   * `verify`, which marks every passing exercise done again from the files.
   */
  async close(state: State): Promise<FinalSave> {
    const status = await this.save(state);
    if (status.kind === 'saved' || this.problem === undefined) return { kind: 'saved', note: 'Your progress is saved.' };
    const { what, todo } = this.problem;
    const lost = `Your progress could not be saved to ${this.file}: ${what}.`;
    const rescue = join(this.options.rescueDir ?? tmpdir(), `advpy-kata-progress-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    try {
      await writeFileAtomic(rescue, `${JSON.stringify(state, null, 2)}\n`);
    } catch {
      return {
        kind: 'unsaved',
        note: `${lost} No copy could be written elsewhere either. ${todo}, then run \`advpy-kata verify\`: it marks every exercise that passes as done again.`,
      };
    }
    // `cp` also works in PowerShell (an alias of Copy-Item); cmd.exe users would type `copy`.
    return { kind: 'unsaved', rescue, note: `${lost} A copy is kept in ${rescue}. ${todo}, then put it back: \`cp "${rescue}" "${this.file}"\`.` };
  }

  private status(): SaveStatus {
    const notice = this.notice;
    return notice === undefined ? { kind: 'saved' } : { kind: 'unsaved', message: notice };
  }

  private async writePending(): Promise<void> {
    const state = this.pending;
    if (state === undefined) return; // an earlier write in the chain already took it
    let problem: WriteProblem | undefined;
    try {
      await this.write(this.file, state);
      if (this.pending === state) this.pending = undefined;
    } catch (error) {
      problem = describeWriteError(error, this.file);
    }
    const changed = (problem === undefined) !== (this.problem === undefined) || problem?.what !== this.problem?.what;
    this.problem = problem;
    if (changed) this.options.onChange?.();
  }
}
