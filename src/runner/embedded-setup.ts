/**
 * A Vitest setup file (see suite-runner.ts): on the embedded engine, the interpreter
 * starts loading before the suite file is transformed and imported, not after.
 */
import { inject } from 'vitest';

const config = inject('advpy');
if (config?.engine === 'embedded') {
  const { prepareEmbedded } = await import('../engine/embedded.js');
  void prepareEmbedded({ cacheDir: config.cacheDir });
}
