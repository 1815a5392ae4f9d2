/**
 * The memory copy behind the embedded engine's reset between runs (embedded-checkpoint.ts),
 * on a plain WebAssembly memory: no Pyodide needed.
 */
import { describe, expect, test } from 'vitest';
import { copyMemory } from '../../src/engine/embedded-checkpoint.js';

const PAGE = 64 * 1024;

function memoryWith(pages: number, writes: Array<[number, number]>): WebAssembly.Memory {
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages * 4 });
  const bytes = new Int8Array(memory.buffer);
  for (const [at, value] of writes) bytes[at] = value;
  return memory;
}

describe('copyMemory', () => {
  test('keeps only the pages that are not all zero', () => {
    const memory = memoryWith(4, [
      [10, 1],
      [3 * PAGE + 5, 7],
    ]);
    const copy = copyMemory(new Int8Array(memory.buffer));
    expect(copy.bytes).toBe(2 * 4096);
  });

  test('puts back every byte over a memory that grew and was written all over, and zeroes what grew', () => {
    const writes: Array<[number, number]> = [
      [0, 3],
      [4095, -1],
      [4096, 9],
      [2 * PAGE + 123, 42],
    ];
    const memory = memoryWith(4, writes);
    const pristine = new Int8Array(memory.buffer).slice();
    const copy = copyMemory(new Int8Array(memory.buffer));

    // Growing detaches the buffer the copy was taken from: the restore must not read its length from it.
    memory.grow(2);
    const grown = new Int8Array(memory.buffer);
    grown.fill(5);
    copy.restore(grown);

    expect(grown.subarray(0, pristine.length)).toEqual(pristine);
    expect(grown.subarray(pristine.length).every((byte) => byte === 0)).toBe(true);
  });
});
