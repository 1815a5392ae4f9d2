import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userCacheDir } from '../../src/workspace/cache-dir.js';

const HOME = '/home/ada';

describe('userCacheDir', () => {
  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['XDG_CACHE_HOME unset', {}, '/home/ada/.cache/advpy-kata'],
    ['XDG_CACHE_HOME set', { XDG_CACHE_HOME: '/var/cache/ada' }, '/var/cache/ada/advpy-kata'],
    ['XDG_CACHE_HOME empty (treated as unset)', { XDG_CACHE_HOME: '' }, '/home/ada/.cache/advpy-kata'],
    ['XDG_CACHE_HOME relative (invalid per the XDG spec)', { XDG_CACHE_HOME: 'cache' }, '/home/ada/.cache/advpy-kata'],
    ['ADVPY_CACHE_DIR wins', { ADVPY_CACHE_DIR: '/tmp/k', XDG_CACHE_HOME: '/var/cache/ada' }, '/tmp/k'],
    ['ADVPY_CACHE_DIR empty (treated as unset)', { ADVPY_CACHE_DIR: '', XDG_CACHE_HOME: '' }, '/home/ada/.cache/advpy-kata'],
  ])('on Linux with %s', (_, env, expected) => {
    expect(userCacheDir(env, 'linux', HOME)).toBe(expected);
  });

  it('is always absolute on Linux, so the cache never lands in the folder a command runs from', () => {
    for (const value of ['', '.', 'rel/dir']) {
      expect(userCacheDir({ XDG_CACHE_HOME: value }, 'linux', HOME), `XDG_CACHE_HOME=${JSON.stringify(value)}`).toMatch(/^\//);
    }
  });

  it('uses Library/Caches on macOS and LOCALAPPDATA on Windows (an empty one is unset)', () => {
    expect(userCacheDir({}, 'darwin', HOME)).toBe('/home/ada/Library/Caches/advpy-kata');
    expect(userCacheDir({ LOCALAPPDATA: '' }, 'win32', HOME)).toBe(join(HOME, 'AppData', 'Local', 'advpy-kata', 'Cache'));
    expect(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', HOME)).toBe(join('C:\\Users\\ada\\AppData\\Local', 'advpy-kata', 'Cache'));
  });
});
