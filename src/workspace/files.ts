/** Small file helpers shared by the workspace and state modules. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The file operations `writeFileAtomic` uses, in one object so tests can make one
 * of them fail with ENOSPC, EACCES or EROFS (`vi.spyOn(atomicFs, 'writeFile')`):
 * running as root, chmod cannot produce EACCES, and a full disk is hard to stage.
 */
export const atomicFs = { mkdir, rename, rm, writeFile };

/**
 * Write via a temp file and rename, so a crash or Ctrl-C mid-write leaves either
 * the old file or the new one, never half of one. When the write or the rename
 * fails (a full disk, no permission, a read-only mount), the temp file is removed
 * before the error is passed on, so failed saves leave no `*.tmp` files behind.
 * On Windows a rename over a file another program holds open fails with EPERM;
 * that is reported the same way.
 */
export async function writeFileAtomic(path: string, content: string, fs = atomicFs): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, content, 'utf8');
    await fs.rename(temp, path);
  } catch (error) {
    // A full disk can still delete; if even that fails, the original error is what matters.
    await fs.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}

/** A file's content, hashed: equal hashes mean an unchanged file. */
export function contentHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
