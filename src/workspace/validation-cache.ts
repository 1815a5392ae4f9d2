/**
 * Content hashes of files that already passed zod validation (or that we wrote
 * ourselves from validated data). Reading an unchanged file again skips
 * validation, which keeps `hint` and `list` from loading zod (~40 ms) on every
 * call. An edited file has a new hash and is validated again, so nothing
 * unvalidated is ever trusted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './files.js';

export { contentHash } from './files.js';

const FILE = 'validated.json';
/** A few recent versions are enough: state.json and the config, plus some churn. */
const KEEP = 16;

export class ValidationCache {
  private constructor(
    private readonly path: string,
    private hashes: string[],
  ) {}

  /** Read the cache in `dir`; a missing or damaged cache is simply empty. */
  static read(dir: string): ValidationCache {
    const path = join(dir, FILE);
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      const hashes = Array.isArray(parsed) ? parsed.filter((hash): hash is string => typeof hash === 'string') : [];
      return new ValidationCache(path, hashes);
    } catch {
      return new ValidationCache(path, []);
    }
  }

  has(hash: string): boolean {
    return this.hashes.includes(hash);
  }

  async remember(hash: string): Promise<void> {
    if (this.hashes.at(-1) === hash) return;
    this.hashes = [...this.hashes.filter((known) => known !== hash), hash].slice(-KEEP);
    try {
      await writeFileAtomic(this.path, `${JSON.stringify(this.hashes)}\n`);
    } catch {
      // Only a speed-up: failing to remember means validating again next time.
    }
  }
}
