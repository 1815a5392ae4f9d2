import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IDLE_MS,
  MAX_SOCKET_PATH,
  RESIDENT_PROTOCOL,
  decodeMessages,
  encodeMessage,
  identityHash,
  identityText,
  idleMs,
  isReply,
  isRequest,
  residentEligibility,
  socketPath,
  type IdentityInputs,
} from '../../src/core/resident-protocol.js';

describe('which commands a resident runner takes', () => {
  it.each([
    [['run'], true],
    [['run', '01'], true],
    [['run', 'retry', '--engine', 'embedded'], true],
    [['run', '--engine=native', '05'], true],
    [['run', '--python', '/usr/bin/python3.13', '07', '--timeline'], true],
    [['run', '01', '--debug'], true],
  ])('%j is handed off', (argv, eligible) => {
    expect(residentEligibility(argv, {}).ok).toBe(eligible);
  });

  it.each([
    [['run', '01', '--edit'], '--edit'],
    [['run', '--help'], '--help'],
    [['run', '-h'], '-h'],
    [['run', '01', '02'], 'too many'],
    [['hint', '07'], 'only `run`'],
    [['watch'], 'only `run`'],
    [[], 'only `run`'],
  ])('%j runs in its own process', (argv, why) => {
    const result = residentEligibility(argv, {});
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.why).toContain(why);
  });

  it('a --python value that looks like an exercise is not counted as one', () => {
    expect(residentEligibility(['run', '--python', 'py3', '01'], {}).ok).toBe(true);
  });

  it('is off with ADVPY_RESIDENT=0, and under CI unless ADVPY_RESIDENT=1 asks for it', () => {
    expect(residentEligibility(['run'], { ADVPY_RESIDENT: '0' })).toEqual({ ok: false, why: 'ADVPY_RESIDENT=0' });
    expect(residentEligibility(['run'], { CI: 'true' }).ok).toBe(false);
    expect(residentEligibility(['run'], { CI: '1' }).ok).toBe(false);
    expect(residentEligibility(['run'], { CI: 'true', ADVPY_RESIDENT: '1' }).ok).toBe(true);
    expect(residentEligibility(['run'], { CI: 'false' }).ok).toBe(true);
    expect(residentEligibility(['run'], { CI: '' }).ok).toBe(true);
  });
});

describe("a runner's identity", () => {
  const base: IdentityInputs = {
    packageRoot: '/opt/advpy-kata',
    buildStamp: '1234:5678',
    nodePath: '/usr/bin/node',
    nodeVersion: 'v20.20.2',
    cwd: '/home/ada/kata',
    env: { PATH: '/usr/bin', HOME: '/home/ada' },
  };
  const id = (inputs: IdentityInputs): string => identityHash(identityText(inputs));

  it('does not depend on the order of variables, or on what a shell changes between commands', () => {
    const same = { ...base, env: { HOME: '/home/ada', PATH: '/usr/bin', PWD: '/elsewhere', OLDPWD: '/x', SHLVL: '3', _: '/usr/bin/env', COLUMNS: '120' } };
    expect(id(same)).toBe(id(base));
  });

  it.each<[string, Partial<IdentityInputs>]>([
    ['another folder', { cwd: '/home/ada/other' }],
    ['another build', { buildStamp: '1234:5679' }],
    ['another install', { packageRoot: '/usr/lib/node_modules/advpy-kata' }],
    ['another Node', { nodeVersion: 'v22.11.0' }],
    ['another interpreter asked for', { env: { ...base.env, ADVPY_PYTHON: '/usr/bin/python3.12' } }],
    ['colours turned off', { env: { ...base.env, NO_COLOR: '1' } }],
    ['another PATH', { env: { ...base.env, PATH: '/opt/python/bin:/usr/bin' } }],
  ])('changes with %s', (_what, change) => {
    expect(id({ ...base, ...change })).not.toBe(id(base));
  });

  it('hashes to 16 hex digits that tell close texts apart', () => {
    const ids = new Set(Array.from({ length: 2000 }, (_, index) => identityHash(`{"cwd":"/home/ada/kata${index}"}`)));
    expect(ids.size).toBe(2000);
    for (const value of ids) expect(value).toMatch(/^[0-9a-f]{16}$/);
    expect(identityHash('ab')).not.toBe(identityHash('ba'));
  });
});

describe('where a runner listens', () => {
  it('in the cache folder when the path fits a Unix socket address', () => {
    expect(socketPath('0123456789abcdef', 'linux', '/home/ada/.cache/advpy-kata', '/tmp/advpy-kata-1000', posix.join)).toBe(
      '/home/ada/.cache/advpy-kata/resident/0123456789abcdef.sock',
    );
  });

  it('in a private temporary folder when the cache path is too long', () => {
    const deep = `/home/ada/${'very-long-folder-name/'.repeat(5)}cache`;
    const path = socketPath('0123456789abcdef', 'linux', deep, '/tmp/advpy-kata-1000', posix.join);
    expect(path).toBe('/tmp/advpy-kata-1000/0123456789abcdef.sock');
    expect(path.length).toBeLessThanOrEqual(MAX_SOCKET_PATH);
  });

  it('on a named pipe on Windows', () => {
    expect(socketPath('0123456789abcdef', 'win32', 'C:\\Users\\ada\\AppData\\Local\\advpy-kata\\Cache', 'C:\\Temp', posix.join)).toBe(
      '\\\\.\\pipe\\advpy-kata-0123456789abcdef',
    );
  });
});

describe('how long a runner waits for work', () => {
  it('ten minutes, or ADVPY_RESIDENT_IDLE_S seconds when that is a positive number', () => {
    expect(idleMs({})).toBe(DEFAULT_IDLE_MS);
    expect(DEFAULT_IDLE_MS).toBe(600_000);
    expect(idleMs({ ADVPY_RESIDENT_IDLE_S: '2' })).toBe(2000);
    expect(idleMs({ ADVPY_RESIDENT_IDLE_S: '0.5' })).toBe(500);
    for (const bad of ['0', '-3', 'soon', '']) expect(idleMs({ ADVPY_RESIDENT_IDLE_S: bad })).toBe(DEFAULT_IDLE_MS);
  });
});

describe('messages on the socket', () => {
  it('are one JSON value per line, and a line split across reads is kept until it is whole', () => {
    const text = encodeMessage({ type: 'stdout', text: 'two\nlines' }) + encodeMessage({ type: 'exit', code: 1 });
    expect(text.split('\n')).toHaveLength(3);
    const cut = text.indexOf('exit');
    const first = decodeMessages(text.slice(0, cut));
    expect(first.messages).toEqual([{ type: 'stdout', text: 'two\nlines' }]);
    const second = decodeMessages(first.rest + text.slice(cut));
    expect(second).toEqual({ messages: [{ type: 'exit', code: 1 }], rest: '' });
  });

  it('drops a line that is not JSON', () => {
    expect(decodeMessages('garbage\n{"type":"stale"}\n').messages).toEqual([{ type: 'stale' }]);
  });

  it('tells replies and requests from anything else', () => {
    expect(isReply({ type: 'accepted' })).toBe(true);
    expect(isReply({ type: 'exit', code: 0 })).toBe(true);
    expect(isReply({ type: 'exit', code: '0' })).toBe(false);
    expect(isReply({ type: 'stdout' })).toBe(false);
    expect(isReply({ type: 'refused', why: 'no' })).toBe(true);
    expect(isReply(null)).toBe(false);
    const request = { protocol: RESIDENT_PROTOCOL, argv: ['run', '01'], stdout: { isTTY: false }, stderr: { isTTY: true, columns: 80 }, color: false };
    expect(isRequest(request)).toBe(true);
    expect(isRequest({ ...request, protocol: RESIDENT_PROTOCOL + 1 })).toBe(false);
    expect(isRequest({ ...request, argv: ['run', 1] })).toBe(false);
    expect(isRequest({ ...request, stdout: {} })).toBe(false);
    expect(isRequest({ ...request, color: 'yes' })).toBe(false);
  });
});
