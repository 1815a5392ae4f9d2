/** The CPython the project's own tests use: found the way the product finds one. */
import { homedir } from 'node:os';

let cached: Promise<string> | undefined;

export function testPython(): Promise<string> {
  cached ??= (async () => {
    const { discoverPythons } = await import('../../src/engine/discover.js');
    const { choosePython } = await import('../../src/core/python-choice.js');
    const found = await discoverPythons({ env: process.env, platform: process.platform, home: homedir() });
    const choice = choosePython(found, { minVersion: [3, 12], capabilities: [] });
    if (!choice.chosen) throw new Error('the tests need CPython 3.12+; none was found (see `advpy-kata doctor`)');
    return choice.chosen.path;
  })();
  return cached;
}
