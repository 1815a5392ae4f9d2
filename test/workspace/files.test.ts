/** writeFileAtomic: a failed write or rename leaves the old file and no temp file. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { atomicFs, writeFileAtomic } from '../../src/workspace/files.js';
import { fsError } from './_errors.js';

const root = mkdtempSync(join(tmpdir(), 'advpy-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('writeFileAtomic', () => {
  it('writes the file and leaves nothing else beside it', async () => {
    const dir = mkdtempSync(join(root, 'ok-'));
    await writeFileAtomic(join(dir, 'state.json'), 'new');
    expect(readdirSync(dir)).toEqual(['state.json']);
    expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe('new');
  });

  it.each([
    ['writeFile', 'ENOSPC'],
    ['writeFile', 'EACCES'],
    ['writeFile', 'EROFS'],
    ['rename', 'ENOSPC'],
    ['rename', 'EACCES'],
    ['rename', 'EROFS'],
  ] as const)('when %s fails with %s: the error is passed on, the old file is kept, no temp file is left', async (step, code) => {
    const dir = mkdtempSync(join(root, `${step}-${code}-`));
    const file = join(dir, 'state.json');
    writeFileSync(file, 'old');
    const real = atomicFs[step] as (...args: unknown[]) => Promise<void>;
    // Fail after the real call for writeFile, so a temp file really exists and must be removed.
    vi.spyOn(atomicFs, step).mockImplementation((async (...args: unknown[]) => {
      if (step === 'writeFile') await real(...args);
      throw fsError(code, step === 'writeFile' ? 'write' : 'rename', file);
    }) as never);
    await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({ code });
    expect(readdirSync(dir)).toEqual(['state.json']);
    expect(readFileSync(file, 'utf8')).toBe('old');
  });
});
