/**
 * What an exercise may need beyond plain Python. The manifest lists them per
 * exercise, and they decide which engines can run it.
 */
export const CAPABILITIES = [
  /** Starts OS threads (threading, ThreadPoolExecutor): native CPython only. */
  'threads',
  /** Starts processes (multiprocessing, ProcessPoolExecutor): native CPython only. */
  'processes',
  /** Needs a free-threaded build (3.13t/3.14t) to show real thread parallelism. */
  'free-threading',
  /** Runs pyright over the learner's module: needs Node's pyright package, any engine. */
  'typecheck',
] as const;

export type Capability = (typeof CAPABILITIES)[number];
