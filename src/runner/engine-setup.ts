/**
 * A Vitest setup file (see suite-runner.ts): the run's interpreter starts before the
 * suite file is transformed and imported, not after, so the two overlap. The embedded
 * engine starts loading Pyodide (or takes the thread kept from the last run); the
 * native engine starts CPython, which the suite's first start then takes
 * (native-spare.ts).
 */
import { inject } from 'vitest';
import { nativeOptions } from '../testing/config.js';
import { trace } from '../trace.js';

trace('engine setup');

const config = inject('advpy');
if (config?.engine === 'embedded') {
  const { prepareEmbedded } = await import('../engine/embedded.js');
  void prepareEmbedded({ cacheDir: config.cacheDir });
} else if (config?.engine === 'native' && config.python !== undefined && config.runDir !== undefined) {
  const { startNativeEarly } = await import('../engine/native-spare.js');
  startNativeEarly(nativeOptions(config, config.python, config.runDir));
}
