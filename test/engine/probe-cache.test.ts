/**
 * Discovery at startup: probes are kept by path, size and modification time, and
 * probing stops at the first interpreter that is enough. Fake interpreters count
 * how often they are started.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverPythons } from '../../src/engine/discover.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'advpy-probe-cache-'));
  mkdirSync(join(root, 'bin'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A fake interpreter on PATH that logs each start to `<name>.starts` and answers the probe. */
function fake(name: string, minor: number): string {
  const path = join(root, 'bin', name);
  const report = JSON.stringify({ version: [3, minor, 0], releaselevel: 'final', serial: 0, implementation: 'cpython', executable: path, freeThreadingBuild: false, gilEnabled: true, platform: 'linux' });
  writeFileSync(path, `#!/bin/sh\necho x >> '${path}.starts'\necho '${report}'\n`);
  chmodSync(path, 0o755);
  return path;
}

const starts = (path: string): number => (existsSync(`${path}.starts`) ? readFileSync(`${path}.starts`, 'utf8').split('\n').filter(Boolean).length : 0);
const options = (extra: object = {}) => ({ env: { PATH: join(root, 'bin') }, platform: 'linux' as const, home: join(root, 'home'), cacheDir: join(root, 'cache'), ...extra });

describe('the probe cache', () => {
  it('a second discovery starts no interpreter, and gives the same answers', async () => {
    const python = fake('python3.13', 13);
    const first = await discoverPythons(options());
    const second = await discoverPythons(options());
    expect(starts(python)).toBe(1);
    expect(second).toEqual(first);
    expect(second[0]).toMatchObject({ ok: true, versionText: '3.13.0', source: 'path-versioned' });
  });

  it('an interpreter changed in place (new mtime) is probed again', async () => {
    const python = fake('python3.13', 13);
    await discoverPythons(options());
    utimesSync(python, new Date(), new Date(Date.now() + 5000));
    await discoverPythons(options());
    expect(starts(python)).toBe(2);
  });

  it('another PYTHON_GIL setting is probed again: it changes what a free-threaded build reports', async () => {
    const python = fake('python3.13', 13);
    await discoverPythons(options());
    await discoverPythons(options({ env: { PATH: join(root, 'bin'), PYTHON_GIL: '1' } }));
    expect(starts(python)).toBe(2);
  });

  it('a damaged cache file is ignored and rewritten', async () => {
    const python = fake('python3.13', 13);
    mkdirSync(join(root, 'cache'));
    writeFileSync(join(root, 'cache', 'pythons.json'), '{"format": 1, "entr');
    expect((await discoverPythons(options()))[0]).toMatchObject({ ok: true });
    await discoverPythons(options());
    expect(starts(python)).toBe(1);
  });
});

describe('stopping at the first fit', () => {
  it('with `enough`, candidates after the first that is enough are never started', async () => {
    const newest = fake('python3.14', 14);
    const older = fake('python3.12', 12);
    const found = await discoverPythons(options({ cacheDir: undefined, enough: (pythons: readonly unknown[]) => pythons.length >= 1 }));
    expect(found).toHaveLength(1);
    expect(starts(newest)).toBe(1);
    expect(starts(older)).toBe(0);
  });

  it('without `enough` (doctor), every candidate is probed', async () => {
    const newest = fake('python3.14', 14);
    const older = fake('python3.12', 12);
    expect(await discoverPythons(options({ cacheDir: undefined }))).toHaveLength(2);
    expect(starts(newest) + starts(older)).toBe(2);
  });
});
