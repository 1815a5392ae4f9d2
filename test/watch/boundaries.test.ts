/** Watch mode stands beside the commands, not on them: nothing in src/watch imports from src/cli. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';

const WATCH = join(PACKAGE_ROOT, 'src', 'watch');

test.each(readdirSync(WATCH).filter((file) => file.endsWith('.ts')))('src/watch/%s imports nothing from src/cli', (file) => {
  const source = readFileSync(join(WATCH, file), 'utf8');
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
  expect(specifiers.length, 'the import scan found the imports').toBeGreaterThan(0);
  expect(specifiers.filter((specifier) => specifier?.includes('/cli/'))).toEqual([]);
});
