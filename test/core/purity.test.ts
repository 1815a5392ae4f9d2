/**
 * The core is pure: decisions as data, no IO. This test reads every file under
 * `src/core` and fails if one imports anything from outside it, apart from zod
 * (schemas are data). `node:*` modules, other packages and relative paths that
 * leave `src/core` all count, including `import type`, `export ... from` and
 * dynamic `import()`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CORE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/core');
const ALLOWED_PACKAGES = new Set(['zod']);

/**
 * Every module specifier a TypeScript file names: static, type-only, re-exports and
 * dynamic imports. TypeScript's own pre-processor reads them, so comments and strings
 * that merely mention `import` are not mistaken for one.
 */
export function readSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/** Why `specifier`, imported by `file`, breaks the core's purity; undefined when it does not. */
export function judgeImport(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    const inside = relative(CORE, target);
    return inside.startsWith('..') || inside.startsWith(sep) ? `reaches outside src/core (${specifier})` : undefined;
  }
  if (specifier.startsWith('node:')) return `does IO through a Node module (${specifier})`;
  const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return ALLOWED_PACKAGES.has(pkg) ? undefined : `imports the package ${pkg}`;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : /\.[cm]?[jt]sx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('src/core purity', () => {
  it('imports nothing outside src/core except zod', () => {
    const files = listFiles(CORE);
    expect(files.length).toBeGreaterThan(10);
    const breaches = files.flatMap((file) =>
      readSpecifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
        const why = judgeImport(file, specifier);
        return why === undefined ? [] : [`${relative(CORE, file)} ${why}`];
      }),
    );
    expect(breaches).toEqual([]);
  });

  it.each([
    ["import { z } from 'zod';", []],
    ["import type { X } from './protocol.js';", []],
    ["import type { X } from '../engine/protocol.js';", ['../engine/protocol.js']],
    ["import { readFile } from 'node:fs/promises';", ['node:fs/promises']],
    ["export { a } from '../engine/discover.js';", ['../engine/discover.js']],
    ["export * from 'picocolors';", ['picocolors']],
    ["const m = await import('node:os');", ['node:os']],
    ["import 'node:process';", ['node:process']],
    ['import {\n  a,\n  b,\n} from "../ui/theme.js";', ['../ui/theme.js']],
    ["// import { x } from 'node:fs';\nconst a = 1;", []],
    ["const failure = { phase: 'import' | 'test' };", []],
    ["const m = require('node:child_process');", ['node:child_process']],
  ])('catches the breach in %j', (source, expected) => {
    const file = join(CORE, 'example.ts');
    const breaches = readSpecifiers(source).filter((specifier) => judgeImport(file, specifier) !== undefined);
    expect(breaches).toEqual(expected);
  });
});
