/**
 * Starts the long test files first. Vitest orders files by the durations it
 * cached on an earlier run, and by size when it has none, as on CI's clean
 * clone: there the course checks (small files that run hundreds of suites) would
 * start last and run on alone while the other workers sat idle.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Lower starts sooner; the course checks take minutes, end-to-end files tens of seconds. */
const WEIGHTS: ReadonlyArray<[RegExp, number]> = [
  [/test\/course\/flakiness-/, 0],
  [/test\/course\/variants-/, 1],
  [/test\/e2e\//, 2],
  [/test\/commands\//, 3],
];

function weightOf(spec: TestSpecification): number {
  const path = spec.moduleId.replaceAll('\\', '/');
  return WEIGHTS.find(([pattern]) => pattern.test(path))?.[1] ?? WEIGHTS.length;
}

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: within a weight, Vitest's own order stays.
    return sorted.sort((a, b) => weightOf(a) - weightOf(b));
  }
}
