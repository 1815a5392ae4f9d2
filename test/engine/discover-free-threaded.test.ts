/**
 * Free-threaded builds (python3.13t, python3.14t) are found where people install
 * them: on PATH, by uv and by pyenv. No such build exists on this machine, so each
 * is faked: an executable that answers the probe as a free-threaded build would.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverPythons, gatherFacts } from '../../src/engine/discover.js';
import { choosePython, type WorkingPython } from '../../src/core/python-choice.js';
import { renderDoctor } from '../../src/ui/render-doctor.js';
import { createTheme } from '../../src/ui/theme.js';

let home: string;
let pathDir: string;

/** A fake interpreter: prints what advpy_probe.py would print for this build. */
function fakePython(path: string, version: [number, number, number], freeThreaded: boolean, gilEnabled: boolean): void {
  mkdirSync(dirname(path), { recursive: true });
  const report = JSON.stringify({
    version,
    releaselevel: 'final',
    serial: 0,
    implementation: 'cpython',
    executable: path,
    freeThreadingBuild: freeThreaded,
    gilEnabled,
    platform: 'linux',
  });
  writeFileSync(path, `#!/bin/sh\necho '${report}'\n`);
  chmodSync(path, 0o755);
}

const uvFreeThreaded = () => join(home, '.local/share/uv/python/cpython-3.13.1+freethreaded-linux-x86_64-gnu/bin/python3.13t');
const pyenvFreeThreaded = () => join(home, '.pyenv/versions/3.14.0t/bin/python3.14t');
const pyenvDefault = () => join(home, '.pyenv/versions/3.13.2/bin/python3');
const pathFreeThreaded = () => join(pathDir, 'python3.14t');

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'advpy-ft-home-'));
  pathDir = join(home, 'bin');
  // uv's free-threaded install has only its `t` name; so does this pyenv one.
  fakePython(uvFreeThreaded(), [3, 13, 1], true, false);
  fakePython(pyenvFreeThreaded(), [3, 14, 0], true, false);
  fakePython(pyenvDefault(), [3, 13, 2], false, true);
  // On PATH, one whose GIL was turned back on at run time (PYTHON_GIL=1).
  fakePython(pathFreeThreaded(), [3, 14, 1], true, true);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const env = () => ({ PATH: pathDir, HOME: home });

describe('free-threaded discovery', () => {
  it('lists uv and pyenv `t` installs and python3.Nt on PATH, default builds first at the same source', async () => {
    const facts = await gatherFacts({ env: env(), platform: 'linux', home });
    expect(facts.uvPythons).toEqual([uvFreeThreaded()]);
    expect(facts.pyenvPythons.sort()).toEqual([pyenvDefault(), pyenvFreeThreaded()].sort());
  });

  it('probes each as a free-threading build, and tells the build from the runtime state', async () => {
    const found = await discoverPythons({ env: env(), platform: 'linux', home });
    const byPath = new Map(found.filter((python): python is WorkingPython => python.ok).map((python) => [python.path, python]));
    expect(byPath.get(uvFreeThreaded())).toMatchObject({ source: 'uv', freeThreadingBuild: true, gilEnabled: false });
    expect(byPath.get(pyenvFreeThreaded())).toMatchObject({ source: 'pyenv', freeThreadingBuild: true, gilEnabled: false });
    expect(byPath.get(pyenvDefault())).toMatchObject({ source: 'pyenv', freeThreadingBuild: false });
    expect(byPath.get(pathFreeThreaded())).toMatchObject({ source: 'path-versioned', freeThreadingBuild: true, gilEnabled: true });
  });

  it('an exercise that needs free threading gets a free-threaded build; the others keep the default build', async () => {
    const found = await discoverPythons({ env: env(), platform: 'linux', home });
    const plain = choosePython(found, { minVersion: [3, 12], capabilities: [] });
    expect(plain.chosen?.freeThreadingBuild).toBe(false);
    const threaded = choosePython(found, { minVersion: [3, 12], capabilities: ['free-threading'] });
    expect(threaded.chosen).toMatchObject({ freeThreadingBuild: true });
    expect(threaded.rejected).toContainEqual({ python: expect.objectContaining({ path: pyenvDefault() }), why: expect.stringContaining('not a free-threaded build') });
  });

  it('doctor lists them with the free-threading capability, and says when the GIL is back on', async () => {
    const found = await discoverPythons({ env: env(), platform: 'linux', home });
    const text = renderDoctor({
      theme: createTheme(false, true),
      node: 'v20',
      platform: 'linux',
      engine: 'auto',
      workspaceRoot: undefined,
      pythons: found,
      plans: [],
      pyodideVersion: '0.0.0',
      resident: { state: 'off', why: 'ADVPY_RESIDENT=0' },
      installAdvice: '',
    });
    const line = (path: string) => text.split('\n').find((candidate) => candidate.includes(path)) ?? '';
    expect(line(uvFreeThreaded())).toContain('[free-threading] GIL off');
    expect(line(pathFreeThreaded())).toContain('[free-threading build] but the GIL is on at run time');
    expect(line(pyenvDefault())).not.toContain('free-threading');
  });
});
