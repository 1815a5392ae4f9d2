import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  discoverPythons,
  gatherFacts,
  parseProbeResult,
  parsePyLauncherList,
  planCandidates,
  probePython,
  renderInstallAdvice,
  type DiscoveryFacts,
} from '../../src/engine/discover.js';
import {
  choosePython,
  type ProbedPython,
  type PythonCandidate,
  type PythonNeed,
  type PythonSource,
  type WorkingPython,
} from '../../src/core/python-choice.js';
import type { ExecuteResult } from '../../src/engine/processes.js';

/** Facts for a machine that has exactly `files` and nothing else. */
function facts(overrides: Partial<DiscoveryFacts> & { files?: string[] }): DiscoveryFacts {
  const files = new Set(overrides.files ?? []);
  return {
    platform: 'linux',
    uvPythons: [],
    pyenvPythons: [],
    pyLauncherPythons: [],
    pathEntries: [],
    exists: (path) => files.has(path),
    ...overrides,
  };
}

const pyenv = (name: string) => `/home/me/.pyenv/versions/${name}/bin/python3`;
const uv = (name: string) => `/home/me/.local/share/uv/python/${name}/bin/python3`;
const uvWindows = (version: string) => `C:\\uv\\cpython-${version}-windows-x86_64-none\\python.exe`;
const paths = (candidates: PythonCandidate[]) => candidates.map(({ path }) => path);

describe('planCandidates', () => {
  it.each<{ name: string; facts: DiscoveryFacts; expected: PythonCandidate[] }>([
    {
      name: 'every source, in priority order',
      facts: facts({
        explicit: '/opt/mine/python3',
        envPython: '/opt/env/python3',
        uvPythons: [uv('cpython-3.13.1-linux-x86_64-gnu')],
        pyenvPythons: [pyenv('3.12.1')],
        pyLauncherPythons: ['C:\\ignored\\python.exe'],
        pathEntries: ['/usr/bin'],
        files: ['/usr/bin/python3.13', '/usr/bin/python3', '/usr/bin/python'],
      }),
      expected: [
        { path: '/opt/mine/python3', source: 'option' },
        { path: '/opt/env/python3', source: 'env' },
        { path: uv('cpython-3.13.1-linux-x86_64-gnu'), source: 'uv' },
        { path: pyenv('3.12.1'), source: 'pyenv' },
        { path: '/usr/bin/python3.13', source: 'path-versioned' },
        { path: '/usr/bin/python3', source: 'path' },
        { path: '/usr/bin/python', source: 'path' },
      ],
    },
    {
      name: 'the py launcher on Windows, after pyenv and before PATH',
      facts: facts({
        platform: 'win32',
        pyenvPythons: ['C:\\Users\\me\\.pyenv\\pyenv-win\\versions\\3.12.1\\python.exe'],
        pyLauncherPythons: ['C:\\Python313\\python.exe', 'C:\\Python312\\python.exe'],
        pathEntries: ['C:\\Tools'],
        files: ['C:\\Tools\\python.exe'],
      }),
      expected: [
        { path: 'C:\\Users\\me\\.pyenv\\pyenv-win\\versions\\3.12.1\\python.exe', source: 'pyenv' },
        { path: 'C:\\Python313\\python.exe', source: 'py-launcher' },
        { path: 'C:\\Python312\\python.exe', source: 'py-launcher' },
        { path: 'C:\\Tools\\python.exe', source: 'path' },
      ],
    },
    {
      name: 'each versioned name from the first PATH dir that has it, newest name first',
      facts: facts({
        pathEntries: ['/a', '/b'],
        files: ['/b/python3.12', '/a/python3.13', '/b/python3.13', '/b/python3.14'],
      }),
      expected: [
        { path: '/b/python3.14', source: 'path-versioned' },
        { path: '/a/python3.13', source: 'path-versioned' },
        { path: '/b/python3.12', source: 'path-versioned' },
      ],
    },
    {
      name: "pyenv's shims (and pyenv-virtualenv's) skipped on PATH",
      facts: facts({
        pathEntries: ['/home/me/.pyenv/plugins/pyenv-virtualenv/shims', '/home/me/.pyenv/shims', '/usr/bin'],
        files: [
          '/home/me/.pyenv/plugins/pyenv-virtualenv/shims/python3',
          '/home/me/.pyenv/shims/python3',
          '/usr/bin/python3',
        ],
      }),
      expected: [{ path: '/usr/bin/python3', source: 'path' }],
    },
    {
      name: 'an empty PATH entry (the current directory) skipped',
      facts: facts({ pathEntries: ['', '/usr/bin'], files: ['python3', '/usr/bin/python3'] }),
      expected: [{ path: '/usr/bin/python3', source: 'path' }],
    },
    {
      name: 'a path found twice kept once, at its highest priority',
      facts: facts({
        explicit: '/usr/bin/python3.13',
        envPython: '/usr/bin/python3.13',
        pathEntries: ['/usr/bin'],
        files: ['/usr/bin/python3.13'],
      }),
      expected: [{ path: '/usr/bin/python3.13', source: 'option' }],
    },
    {
      name: 'Windows paths compared without case',
      facts: facts({
        platform: 'win32',
        explicit: 'c:\\python313\\PYTHON.EXE',
        pyLauncherPythons: ['C:\\Python313\\python.exe'],
      }),
      expected: [{ path: 'c:\\python313\\PYTHON.EXE', source: 'option' }],
    },
  ])('$name', ({ facts, expected }) => {
    expect(planCandidates(facts)).toEqual(expected);
  });

  it('offers the py launcher only on Windows', () => {
    const launcher = { pyLauncherPythons: ['C:\\Python313\\python.exe'] };
    expect(planCandidates(facts({ ...launcher, platform: 'win32' }))).toHaveLength(1);
    expect(planCandidates(facts({ ...launcher, platform: 'linux' }))).toEqual([]);
    expect(planCandidates(facts({ ...launcher, platform: 'darwin' }))).toEqual([]);
  });

  it.each<{ name: string; source: 'uvPythons' | 'pyenvPythons'; listed: string[]; newestFirst: string[] }>([
    {
      name: 'pyenv versions compared as numbers, not text',
      source: 'pyenvPythons',
      listed: [pyenv('3.9.18'), pyenv('3.12.1'), pyenv('3.13.10'), pyenv('3.13.2')],
      newestFirst: [pyenv('3.13.10'), pyenv('3.13.2'), pyenv('3.12.1'), pyenv('3.9.18')],
    },
    {
      name: 'pyenv: final before pre-release, default before free-threaded, unversioned last',
      source: 'pyenvPythons',
      listed: [pyenv('miniconda3-latest'), pyenv('3.14t'), pyenv('3.13.0'), pyenv('3.14.0rc1'), pyenv('3.14.0')],
      newestFirst: [pyenv('3.14.0'), pyenv('3.14t'), pyenv('3.14.0rc1'), pyenv('3.13.0'), pyenv('miniconda3-latest')],
    },
    {
      name: "uv's long names",
      source: 'uvPythons',
      listed: [
        uv('cpython-3.12.8-linux-x86_64-gnu'),
        uv('cpython-3.14.0+freethreaded-linux-x86_64-gnu'),
        uv('cpython-3.13.1-linux-x86_64-gnu'),
        uv('cpython-3.14.0-linux-x86_64-gnu'),
      ],
      newestFirst: [
        uv('cpython-3.14.0-linux-x86_64-gnu'),
        uv('cpython-3.14.0+freethreaded-linux-x86_64-gnu'),
        uv('cpython-3.13.1-linux-x86_64-gnu'),
        uv('cpython-3.12.8-linux-x86_64-gnu'),
      ],
    },
    {
      name: "uv's Windows layout (no bin folder)",
      source: 'uvPythons',
      listed: [uvWindows('3.12.8'), uvWindows('3.13.1')],
      newestFirst: [uvWindows('3.13.1'), uvWindows('3.12.8')],
    },
  ])('sorts newest first: $name', ({ source, listed, newestFirst }) => {
    expect(paths(planCandidates(facts({ [source]: listed })))).toEqual(newestFirst);
  });
});

describe('parsePyLauncherList', () => {
  it.each([
    {
      name: 'launcher 3.11+ format, default marked with *',
      output: [
        ' -V:3.13 *        C:\\Program Files\\Python313\\python.exe',
        ' -V:3.12          C:\\Python312\\python.exe',
        '',
      ].join('\r\n'),
      expected: ['C:\\Program Files\\Python313\\python.exe', 'C:\\Python312\\python.exe'],
    },
    {
      name: 'older launcher format, * after the path',
      output: [
        'Installed Pythons found by py Launcher for Windows',
        ' -3.9-64        C:\\Python39\\python.exe *',
        ' -3.8-32        C:\\Python38-32\\python.exe',
        '',
      ].join('\n'),
      expected: ['C:\\Python39\\python.exe', 'C:\\Python38-32\\python.exe'],
    },
    { name: 'nothing installed', output: 'No Installed Pythons Found!\n', expected: [] },
  ])('$name', ({ output, expected }) => {
    expect(parsePyLauncherList(output)).toEqual(expected);
  });
});

describe('parseProbeResult', () => {
  const finished = (overrides: Partial<ExecuteResult>): ExecuteResult => ({
    code: 0,
    signal: null,
    stdout: '',
    stderr: '',
    timedOut: false,
    ...overrides,
  });
  const report = {
    version: [3, 14, 0],
    releaselevel: 'candidate',
    serial: 1,
    implementation: 'cpython',
    executable: '/usr/bin/python3.14',
    freeThreadingBuild: true,
    gilEnabled: false,
    platform: 'linux',
  };

  it.each([
    {
      name: 'timed out',
      result: finished({ code: null, signal: 'SIGTERM', timedOut: true }),
      problem: /^it timed out after 5 s$/,
    },
    {
      name: 'not there',
      result: finished({ code: null, stderr: 'probing Python at /x: spawn /x ENOENT' }),
      problem: /^it did not start \(ENOENT: no such file/,
    },
    { name: 'killed', result: finished({ code: null, signal: 'SIGSEGV' }), problem: /killed by SIGSEGV/ },
    {
      name: 'exited with an error',
      result: finished({ code: 1, stderr: 'Traceback (most recent call last):\n  ...\nSyntaxError: invalid syntax\n' }),
      problem: /^it exited with code 1 \(SyntaxError: invalid syntax\)$/,
    },
    {
      name: 'printed something else',
      result: finished({ stdout: 'Python 3.13.0\n' }),
      problem: /unexpected: "Python 3.13.0"/,
    },
    {
      name: 'printed JSON of the wrong shape',
      result: finished({ stdout: JSON.stringify({ ...report, version: '3.14' }) }),
      problem: /unexpected/,
    },
  ])('a probe that $name is a problem', ({ result, problem }) => {
    const parsed = parseProbeResult(result);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem).toMatch(problem);
  });

  it('reads the report from the last line, after whatever a sitecustomize printed', () => {
    const parsed = parseProbeResult(finished({ stdout: `hello from sitecustomize\n${JSON.stringify(report)}\n` }));
    expect(parsed).toEqual({ ok: true, report });
  });
});

/** A working interpreter, for chooser tables. */
function python(source: PythonSource, versionText: string, extra: Partial<WorkingPython> = {}): WorkingPython {
  const [major = 0, minor = 0, micro = 0] = versionText.split('.').map(Number);
  const path = `/${source}/python${versionText}`;
  return {
    ok: true,
    path,
    realPath: path,
    source,
    implementation: 'cpython',
    version: { major, minor, micro },
    versionText,
    freeThreadingBuild: false,
    gilEnabled: true,
    ...extra,
  };
}

const broken = (source: PythonSource): ProbedPython => ({
  ok: false,
  path: `/${source}/python3`,
  source,
  problem: 'it timed out after 5 s',
});

const course: PythonNeed = { minVersion: [3, 12], minVersionReason: 'PEP 695 syntax', capabilities: [] };
const freeThreading: PythonNeed = { minVersion: [3, 13], capabilities: ['free-threading'] };

describe('choosePython', () => {
  it.each<{ name: string; found: ProbedPython[]; need: PythonNeed; chosen: string | undefined; why: RegExp }>([
    {
      name: 'the first that fits, in priority order',
      found: [python('uv', '3.11.7'), python('pyenv', '3.12.1'), python('path-versioned', '3.13.0')],
      need: course,
      chosen: '/pyenv/python3.12.1',
      why: /^first Python 3\.12 or newer found \(pyenv\)$/,
    },
    {
      name: 'broken interpreters do not block the rest',
      found: [broken('uv'), python('path', '3.13.0')],
      need: course,
      chosen: '/path/python3.13.0',
      why: /\(PATH\)$/,
    },
    {
      name: 'the --python one when it fits',
      found: [python('option', '3.12.0'), python('pyenv', '3.13.0')],
      need: course,
      chosen: '/option/python3.12.0',
      why: /^chosen with --python$/,
    },
    {
      name: 'ADVPY_PYTHON when it fits',
      found: [python('env', '3.12.0'), python('pyenv', '3.13.0')],
      need: course,
      chosen: '/env/python3.12.0',
      why: /^chosen with ADVPY_PYTHON$/,
    },
    {
      name: '--python over ADVPY_PYTHON',
      found: [python('option', '3.12.0'), python('env', '3.13.0')],
      need: course,
      chosen: '/option/python3.12.0',
      why: /--python/,
    },
    {
      name: 'a free-threaded build when the need says so',
      found: [python('pyenv', '3.13.0'), python('uv', '3.13.0', { path: '/uv/python3.13t', freeThreadingBuild: true })],
      need: freeThreading,
      chosen: '/uv/python3.13t',
      why: /^first free-threaded Python 3\.13 or newer found \(uv\)$/,
    },
  ])('chooses $name', ({ found, need, chosen, why }) => {
    const choice = choosePython(found, need);
    expect(choice.chosen?.path).toBe(chosen);
    expect(choice.chosen?.why).toMatch(why);
  });

  it.each<{ name: string; found: ProbedPython[]; need: PythonNeed; why: RegExp }>([
    {
      name: 'a too-old --python, even when a fitting Python exists',
      found: [python('option', '3.11.7'), python('pyenv', '3.13.0')],
      need: course,
      why: /--python \(\/option\/python3\.11\.7\) cannot be used: Python 3\.11\.7 is too old.*leave --python out/,
    },
    {
      name: 'a too-old ADVPY_PYTHON',
      found: [python('env', '3.11.7'), python('pyenv', '3.13.0')],
      need: course,
      why: /ADVPY_PYTHON .*too old.*unset ADVPY_PYTHON/,
    },
    {
      name: 'a broken --python',
      found: [broken('option'), python('pyenv', '3.13.0')],
      need: course,
      why: /--python .*cannot be used: it timed out/,
    },
    {
      name: 'a --python without free threading, when the need says so',
      found: [python('option', '3.13.0'), python('uv', '3.13.0', { freeThreadingBuild: true })],
      need: freeThreading,
      why: /--python .*not a free-threaded build/,
    },
  ])('refuses $name, naming the option', ({ found, need, why }) => {
    const choice = choosePython(found, need);
    expect(choice.chosen).toBeUndefined();
    expect(choice.rejected[0]?.python).toBe(found[0]);
    expect(choice.rejected[0]?.why).toMatch(why);
  });

  it.each<{ version: string; fits: boolean }>([
    { version: '3.11.7', fits: false },
    { version: '3.12.0', fits: true },
    { version: '3.13.0', fits: true },
    { version: '2.13.0', fits: false },
    { version: '4.0.0', fits: true },
  ])('Python $version meets a 3.12 minimum: $fits', ({ version, fits }) => {
    const choice = choosePython([python('pyenv', version)], course);
    expect(choice.chosen !== undefined).toBe(fits);
    expect(choice.rejected).toHaveLength(fits ? 0 : 1);
  });

  it('lists every unfit Python with its reason, even after the chosen one', () => {
    const found = [python('pyenv', '3.13.0'), python('pyenv', '3.11.7'), broken('path'), python('pyenv', '3.12.1')];
    const choice = choosePython(found, course);
    expect(choice.chosen?.versionText).toBe('3.13.0');
    expect(choice.rejected).toEqual([
      {
        python: found[1],
        why: 'Python 3.11.7 is too old: this course needs 3.12 or newer (PEP 695 syntax)',
      },
      { python: found[2], why: 'it timed out after 5 s' },
    ]);
  });

  it('rejects interpreters that are not CPython', () => {
    const choice = choosePython([python('pyenv', '3.12.0', { implementation: 'pypy' })], course);
    expect(choice.chosen).toBeUndefined();
    expect(choice.rejected[0]?.why).toMatch(/pypy 3\.12\.0.*needs CPython/);
  });
});

describe('renderInstallAdvice', () => {
  it.each<{ platform: NodeJS.Platform; has: string[]; lacks: string[] }>([
    { platform: 'linux', has: ['uv python install 3.13', 'pyenv install 3.13'], lacks: ['py install'] },
    { platform: 'darwin', has: ['uv python install 3.13', 'pyenv install 3.13'], lacks: ['py install'] },
    { platform: 'win32', has: ['uv python install 3.13', 'py install 3.13', 'python.org'], lacks: ['pyenv install'] },
  ])('on $platform', ({ platform, has, lacks }) => {
    const advice = renderInstallAdvice(platform);
    for (const text of [...has, '--engine embedded']) expect(advice).toContain(text);
    for (const text of lacks) expect(advice).not.toContain(text);
  });
});

describe.skipIf(process.platform === 'win32')('gatherFacts on a made-up home', () => {
  const home = mkdtempSync(join(tmpdir(), 'advpy-discover-'));
  const touch = (...segments: string[]) => {
    const file = join(home, ...segments);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    return file;
  };
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('lists pyenv and uv interpreters that exist, and no others', async () => {
    const pyenv312 = touch('.pyenv', 'versions', '3.12.1', 'bin', 'python3');
    touch('.pyenv', 'versions', '2.7.18', 'bin', 'python'); // no python3: not a candidate
    const uv313 = touch('.local', 'share', 'uv', 'python', 'cpython-3.13.1-linux-x86_64-gnu', 'bin', 'python3');
    touch('.local', 'share', 'uv', 'python', '.lock');

    const found = await gatherFacts({ env: { PATH: '/a:/b', ADVPY_PYTHON: '' }, platform: 'linux', home });

    expect(found.pyenvPythons).toEqual([pyenv312]);
    expect(found.uvPythons).toEqual([uv313]);
    expect(found.pyLauncherPythons).toEqual([]);
    expect(found.pathEntries).toEqual(['/a', '/b']);
    expect(found.envPython).toBeUndefined();
    expect(found.exists(pyenv312)).toBe(true);
    expect(found.exists(dirname(pyenv312))).toBe(false);
  });

  it('follows UV_PYTHON_INSTALL_DIR and PYENV_ROOT, and tolerates missing folders', async () => {
    const custom = touch('custom-uv', 'cpython-3.14.0-linux-x86_64-gnu', 'bin', 'python3');
    const env = {
      UV_PYTHON_INSTALL_DIR: join(home, 'custom-uv'),
      PYENV_ROOT: join(home, 'nowhere'),
      ADVPY_PYTHON: '/x/python3',
    };

    const found = await gatherFacts({ env, platform: 'linux', home, explicit: '/y/python3' });

    expect(found.uvPythons).toEqual([custom]);
    expect(found.pyenvPythons).toEqual([]);
    expect(found.pathEntries).toEqual(['']);
    expect(found.explicit).toBe('/y/python3');
    expect(found.envPython).toBe('/x/python3');
  });
});

describe('probePython', () => {
  it('reports an interpreter that is not there as a problem, not an exception', async () => {
    const probed = await probePython({ path: join(tmpdir(), 'advpy-no-such-python'), source: 'option' });
    expect(probed).toMatchObject({ ok: false, source: 'option' });
    expect(probed.ok ? '' : probed.problem).toMatch(/^it did not start \(ENOENT/);
  });
});

describe('discoverPythons on this machine', () => {
  it('finds a pyenv CPython 3.12+ and chooses it over older ones', async () => {
    const env = { ...process.env };
    delete env.ADVPY_PYTHON;
    const found = await discoverPythons({ env, platform: process.platform, home: homedir() });

    const working = found.filter((python): python is WorkingPython => python.ok);
    const realPaths = working.map(({ realPath }) => realPath);
    expect(new Set(realPaths).size).toBe(realPaths.length);

    const order: PythonSource[] = ['option', 'env', 'uv', 'pyenv', 'py-launcher', 'path-versioned', 'path'];
    const ranks = found.map(({ source }) => order.indexOf(source));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const choice = choosePython(found, course);
    expect(choice.chosen).toMatchObject({ source: 'pyenv', implementation: 'cpython' });
    const { major = 0, minor = 0 } = choice.chosen?.version ?? {};
    expect(major * 100 + minor).toBeGreaterThanOrEqual(312);

    const tooOld = working.filter(({ version }) => version.major * 100 + version.minor < 312);
    for (const old of tooOld) {
      expect(choice.rejected).toContainEqual({ python: old, why: expect.stringContaining('is too old') });
    }
  });
});
