import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeFingerprint, watchCode } from '../../src/resident/code-watch.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'advpy-code-watch-'));
  for (const dir of ['dist/engine', 'python', 'course', 'exercises/01_decorators']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'dist/engine/native.js'), 'export {};\n');
  writeFileSync(join(root, 'exercises/01_decorators/01_logged.test.ts'), '// suite\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const settle = (ms = 300): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("a resident runner notices the package's code changing", () => {
  it('by watching: an edited suite, once', async () => {
    let changes = 0;
    const watcher = watchCode(() => changes++, root);
    expect(watcher).toBeDefined();
    await settle();
    writeFileSync(join(root, 'exercises/01_decorators/01_logged.test.ts'), '// suite, edited\n');
    writeFileSync(join(root, 'dist/engine/native.js'), 'export const x = 1;\n');
    await settle();
    watcher?.close();
    expect(changes).toBe(1);
  });

  it('but not by Python writing bytecode caches beside the bridge', async () => {
    let changes = 0;
    const watcher = watchCode(() => changes++, root);
    await settle();
    mkdirSync(join(root, 'python/__pycache__'));
    writeFileSync(join(root, 'python/__pycache__/bridge.cpython-313.pyc'), 'bytes');
    await settle();
    watcher?.close();
    expect(changes).toBe(0);
  });

  it('by fingerprint, where it cannot watch: a file that changes size or time, or appears', () => {
    const before = codeFingerprint(root);
    expect(codeFingerprint(root)).toBe(before);
    writeFileSync(join(root, 'dist/engine/native.js'), 'export const longer = true;\n');
    const edited = codeFingerprint(root);
    expect(edited).not.toBe(before);
    writeFileSync(join(root, 'course/course.json'), '{}');
    expect(codeFingerprint(root)).not.toBe(edited);
  });
});
