/** Where this package's own files (course, Python bridge, suites) live, in source and built form alike. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'advpy-kata') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`advpy-kata: cannot find its own package.json above ${start}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const PYTHON_BRIDGE_DIR = join(PACKAGE_ROOT, 'python');
