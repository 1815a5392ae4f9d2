/** File system errors as Node makes them, for tests that cannot fill a disk or (as root) deny a write. */
export function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
    EIO: 'i/o error',
  };
  return Object.assign(new Error(`${code}: ${messages[code] ?? 'failed'}, ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
}
