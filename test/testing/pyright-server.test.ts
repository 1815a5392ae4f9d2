/**
 * The warm pyright language server behind `typecheck`: it must say exactly what
 * the CLI says, stay warm between checks, step aside for the CLI when it fails,
 * and never outlive the process that started it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { checkOnServer, pyrightPoolStats, removeStaleFolders, serversStarted, stopPyrightServers } from '../../src/testing/pyright-pool.js';
import { runPyright, type PyrightRequest, type TypecheckResult } from '../../src/testing/typecheck.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

const LANGSERVER = join(dirname(createRequire(import.meta.url).resolve('pyright/package.json')), 'langserver.index.js');

const scratch = mkdtempSync(join(tmpdir(), 'advpy-pyright-server-test-'));
afterAll(() => {
  stopPyrightServers();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  // Each test starts with no server, so what it counts is its own.
  stopPyrightServers();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

let counter = 0;
/** A learner file whose name is not a Python identifier, and a fresh cache, so nothing is answered from the cache. */
function fixture(source: string): Omit<PyrightRequest, 'snippet'> {
  const folder = join(scratch, String(counter++));
  mkdirSync(folder, { recursive: true });
  const modulePath = join(folder, '04_sample.py');
  writeFileSync(modulePath, source);
  return { modulePath, cacheDir: join(folder, 'cache') };
}

/**
 * Run the same request through the CLI (server off) and through the server, each
 * with a cache of its own. The first check of a configuration is answered by the
 * CLI while it starts the server; the request is then asked again once it has.
 */
async function bothWays(request: Omit<PyrightRequest, 'modulePath' | 'cacheDir'> & { source: string }): Promise<{ cli: TypecheckResult; server: TypecheckResult }> {
  const { source, ...rest } = request;
  const base = fixture(source);
  vi.stubEnv('ADVPY_PYRIGHT_SERVER', '0');
  const cli = await runPyright({ ...base, ...rest, cacheDir: join(base.cacheDir, 'cli') });
  vi.unstubAllEnvs();
  let server = await runPyright({ ...base, ...rest, cacheDir: join(base.cacheDir, 'server') });
  if (server.via === 'cli') {
    await serversStarted();
    server = await runPyright({ ...base, ...rest, cacheDir: join(base.cacheDir, 'server-warm') });
  }
  return { cli, server };
}

const DOUBLE = `
def double(n: int) -> int:
    return n * 2
`;

describe('the server says what the CLI says', () => {
  const cases: { name: string; source: string; snippet: string; moduleName?: string; settings?: Record<string, unknown>; expect: (result: TypecheckResult) => void }[] = [
    {
      name: 'a clean module and a correct call',
      source: DOUBLE,
      snippet: 'import exercise\n\nexercise.double(2)\n',
      expect: (result) => expect(result.diagnostics).toEqual([]),
    },
    {
      name: 'a wrong call in the snippet',
      source: DOUBLE,
      snippet: 'import exercise\n\nexercise.double("two")\n',
      expect: (result) => expect(result.diagnostics).toMatchObject([{ origin: 'snippet', line: 3, severity: 'error', rule: 'reportArgumentType' }]),
    },
    {
      name: 'an error in the module',
      source: `${DOUBLE}\n\ndef broken() -> str:\n    return 42\n`,
      snippet: 'import exercise\n',
      expect: (result) => expect(result.diagnostics).toMatchObject([{ origin: 'module', line: 7, severity: 'error', rule: 'reportReturnType' }]),
    },
    {
      name: 'a reveal_type note (information, no rule) beside errors, in position order',
      source: DOUBLE,
      snippet: 'from typing import reveal_type\nimport exercise\n\nexercise.double(None)\nreveal_type(exercise.double(2))\nexercise.double([])\n',
      expect: (result) => {
        expect(result.diagnostics.map((d) => [d.line, d.severity])).toEqual([
          [4, 'error'],
          [5, 'information'],
          [6, 'error'],
        ]);
        expect(result.diagnostics[1]).not.toHaveProperty('rule');
        expect(result.diagnostics[1]?.message).toBe('Type of "exercise.double(2)" is "int"');
      },
    },
    {
      // The parser's errors come before the checker's in pyright's own list; the CLI sorts them by position.
      name: 'a syntax error in the module, after a type error',
      source: 'def broken() -> str:\n    return 42\n\n\ndef double(n: int) -> int\n    return n * 2\n',
      snippet: 'import exercise\n',
      expect: (result) => {
        expect(result.diagnostics[0]).toMatchObject({ origin: 'module', line: 2, rule: 'reportReturnType' });
        const syntax = result.diagnostics.slice(1);
        expect(syntax.length).toBeGreaterThan(0);
        expect(syntax.every((d) => d.origin === 'module' && d.severity === 'error' && d.line >= 5 && d.rule === undefined)).toBe(true);
      },
    },
    {
      name: 'files come in path order: a module named to sort after the snippet is reported last',
      source: `${DOUBLE}\n\ndef broken() -> str:\n    return 42\n`,
      snippet: 'import zeta\n\nzeta.double("two")\n',
      moduleName: 'zeta',
      expect: (result) => expect(result.diagnostics.map((d) => [d.origin, d.rule])).toEqual([
        ['snippet', 'reportArgumentType'],
        ['module', 'reportReturnType'],
      ]),
    },
    {
      name: 'settings from the suite (strict mode) take effect',
      source: 'def untyped(x):\n    return x\n',
      snippet: 'import exercise\n\nexercise.untyped(1)\n',
      settings: { typeCheckingMode: 'strict' },
      expect: (result) => expect(result.diagnostics.some((d) => d.origin === 'module' && d.rule === 'reportMissingParameterType')).toBe(true),
    },
  ];

  // One batch for every case: most share a configuration, so one server start serves them all.
  const results = new Map<string, Promise<{ cli: TypecheckResult; server: TypecheckResult }>>();
  beforeAll(async () => {
    stopPyrightServers();
    for (const { name, expect: _check, ...request } of cases) {
      const both = bothWays(request);
      results.set(name, both);
      await both.catch(() => undefined);
    }
  }, 300_000);

  for (const { name, expect: check } of cases) {
    test(name, async () => {
      const { cli, server } = await results.get(name)!;
      expect(cli.via).toBe('cli');
      expect(server.via).toBe('server');
      check(cli);
      expect(server.diagnostics).toEqual(cli.diagnostics);
    });
  }
});

describe('the warm path', () => {
  test('a second check on the same configuration is answered by the same server', async () => {
    const base = fixture(DOUBLE);
    const first = await runPyright({ ...base, snippet: 'import exercise\nexercise.double(1)\n' });
    // No server was ready, so the CLI answered without waiting for one, and started it.
    expect(first.via).toBe('cli');
    const { started, pids } = pyrightPoolStats();
    expect(pids).toHaveLength(1);
    await serversStarted();

    // The module changes too: the server must see the new text, not what it analysed before.
    writeFileSync(base.modulePath, DOUBLE.replace('n: int', 'n: str'));
    const second = await runPyright({ ...base, snippet: 'import exercise\nexercise.double(1)\n' });
    expect(second.via).toBe('server');
    expect(second.cached).toBe(false);
    expect(second.diagnostics).toMatchObject([{ origin: 'module', rule: 'reportReturnType' }, { origin: 'snippet', rule: 'reportArgumentType' }]);
    expect(pyrightPoolStats()).toEqual({ started, pids });

    const third = await runPyright({ ...base, snippet: 'import exercise\nexercise.double(1)\n' });
    expect(third.via).toBe('cache');
    expect(third.cached).toBe(true);
  });

  test('another configuration gets a server of its own', async () => {
    const base = fixture(DOUBLE);
    await runPyright({ ...base, snippet: 'import exercise\n' });
    await serversStarted();
    expect((await runPyright({ ...base, snippet: 'import exercise\nexercise.double(2)\n' })).via).toBe('server');
    const old = await runPyright({ ...base, snippet: 'import exercise\n', pythonVersion: '3.11' });
    expect(old.via, 'a configuration with no server of its own yet').toBe('cli');
    await serversStarted();
    expect((await runPyright({ ...base, snippet: 'import exercise\nexercise.double(3)\n', pythonVersion: '3.11' })).via).toBe('server');
    expect(pyrightPoolStats().pids).toHaveLength(2);
  });

  test('ADVPY_PYRIGHT_SERVER=0 runs the CLI and starts no server', async () => {
    vi.stubEnv('ADVPY_PYRIGHT_SERVER', '0');
    const started = pyrightPoolStats().started;
    const result = await runPyright({ ...fixture(DOUBLE), snippet: 'import exercise\n' });
    expect(result.via).toBe('cli');
    expect(result.cached).toBe(false);
    expect(pyrightPoolStats()).toEqual({ started, pids: [] });
  });

  test('a server killed during a check: this check falls back to the CLI, the next starts a new server', async () => {
    const base = fixture(DOUBLE);
    await runPyright({ ...base, snippet: 'import exercise\n' });
    await serversStarted();
    const [victim] = pyrightPoolStats().pids;
    expect(victim).toBeDefined();
    const started = pyrightPoolStats().started;

    // The check's first step on the server runs after this synchronous kill, so the server never answers it.
    const pending = runPyright({ ...base, snippet: 'import exercise\nexercise.double("x")\n' });
    process.kill(victim ?? 0, 'SIGKILL');
    const fallback = await pending;
    expect(fallback.via).toBe('cli');
    expect(fallback.diagnostics).toMatchObject([{ origin: 'snippet', rule: 'reportArgumentType' }]);
    expect(pyrightPoolStats().pids).toEqual([]);

    // With no server ready, the next check runs the CLI and starts a new server, which serves the one after.
    expect((await runPyright({ ...base, snippet: 'import exercise\nexercise.double(3)\n' })).via).toBe('cli');
    await serversStarted();
    const next = await runPyright({ ...base, snippet: 'import exercise\nexercise.double(4)\n' });
    expect(next.via).toBe('server');
    expect(pyrightPoolStats().started).toBe(started + 1);
    expect(pyrightPoolStats().pids).not.toContain(victim);
  });

  test('a server that cannot start rejects, and leaves no server or folder behind', async () => {
    const broken = join(scratch, 'not-a-langserver.js');
    writeFileSync(broken, 'process.exit(3);\n');
    const check = checkOnServer({ langserverEntry: broken, pyrightConfig: { pythonVersion: '3.12' }, files: [{ name: 'a.py', text: '' }], timeoutMs: 60_000 });
    await expect(check).rejects.toThrow(/exited|closed/);
    expect(pyrightPoolStats().pids).toEqual([]);
  });

  test('a server still starting when a check gives up is kept, and serves the next check once started', async () => {
    // The real server, loaded late: its start outlasts the first check's share of the time, as under load.
    const slow = join(scratch, 'slow-langserver.cjs');
    writeFileSync(slow, `setTimeout(() => require(${JSON.stringify(LANGSERVER)}), 2000);\n`);
    const request = { langserverEntry: slow, pyrightConfig: { pythonVersion: '3.12', slow: true }, files: [{ name: 'a.py', text: 'x: int = "no"\n' }] };
    const started = pyrightPoolStats().started;
    await expect(checkOnServer({ ...request, timeoutMs: 300 })).rejects.toThrow(/did not answer within 300 ms/);
    const [pid] = pyrightPoolStats().pids;
    expect(pid, 'the starting server is still in the pool').toBeDefined();
    const next = await checkOnServer({ ...request, timeoutMs: 60_000 });
    expect(next.diagnostics).toMatchObject([{ rule: 'reportAssignmentType' }]);
    expect(pyrightPoolStats()).toEqual({ started: started + 1, pids: [pid] });
  });

  test('a started server that does not answer in time is killed and the check rejects', async () => {
    // Answers initialize, then nothing: a server that hangs on a check.
    const silent = join(scratch, 'silent-langserver.js');
    writeFileSync(
      silent,
      `let buffer = '';
      process.stdin.on('data', (chunk) => {
        buffer += chunk;
        const match = /"id":(\\d+),"method":"initialize"/.exec(buffer);
        if (match) {
          const body = JSON.stringify({ jsonrpc: '2.0', id: Number(match[1]), result: { capabilities: {} } });
          process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);
          buffer = '';
        }
      });\n`,
    );
    const check = checkOnServer({ langserverEntry: silent, pyrightConfig: { pythonVersion: '3.12' }, files: [{ name: 'a.py', text: '' }], timeoutMs: 500 });
    const [pid] = pyrightPoolStats().pids;
    await expect(check).rejects.toThrow(/did not answer within 500 ms/);
    expect(pyrightPoolStats().pids).toEqual([]);
    expect(pid).toBeDefined();
    if (process.platform === 'linux') expect(await stillRunning(pid ?? 0)).toBe(false);
  });
});

/** Linux: whether `pid` is a live process (a zombie is dead, only waiting to be reaped). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Whether `pid` still runs after waiting up to `waitMs` for it to end (a SIGKILL lands asynchronously). */
async function stillRunning(pid: number, waitMs = 2000): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('the server ends with its parent', () => {
  test.skipIf(process.platform !== 'linux')('a parent killed with SIGKILL leaves no server, and its folder is removed as stale', async () => {
    const pool = join(PACKAGE_ROOT, 'src', 'testing', 'pyright-pool.ts');
    const script = `
      import { checkOnServer, pyrightPoolStats } from ${JSON.stringify(pool)};
      const result = await checkOnServer({ langserverEntry: ${JSON.stringify(LANGSERVER)}, pyrightConfig: { pythonVersion: '3.12' }, files: [{ name: 'a.py', text: 'x: int = 1\\n' }], timeoutMs: 60_000 });
      console.log(JSON.stringify({ folder: result.folder, pids: pyrightPoolStats().pids }));
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let started: { folder: string; pids: number[] };
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: parent.stdout }).once('line', resolve);
        parent.once('exit', (code) => reject(new Error(`the parent exited (${String(code)}) before starting a server`)));
      });
      started = JSON.parse(line) as { folder: string; pids: number[] };
    } finally {
      // No exit handler runs on SIGKILL: the server must notice by itself (its stdin closes).
      parent.kill('SIGKILL');
    }
    const { folder, pids } = started;
    expect(basename(folder)).toMatch(new RegExp(`^advpy-pyright-${String(parent.pid)}-`));
    expect(pids).toHaveLength(1);
    expect(await stillRunning(pids[0] ?? 0, 20_000)).toBe(false);

    expect(existsSync(folder)).toBe(true);
    removeStaleFolders();
    expect(existsSync(folder)).toBe(false);
  });
});
