import { describe, expect, it } from 'vitest';
import { workspacePackageName } from '../../src/workspace/learner-package.js';
import { classifyInstall } from '../../src/workspace/npm-install.js';

describe('workspacePackageName', () => {
  it.each([
    ['fresh', 'fresh'],
    ['My Kata', 'my-kata'],
    ['.hidden', 'hidden'],
    ['_under', 'under'],
    ['kata!', 'kata'],
    // npm refuses to install advpy-kata into a package of the same name
    ['advpy-kata', 'advpy-kata-workspace'],
    ['ADVPY-KATA', 'advpy-kata-workspace'],
    ['node_modules', 'advpy-kata-workspace'],
    ['!!!', 'advpy-kata-workspace'],
  ])('%s gives %s', (folder, name) => {
    expect(workspacePackageName(folder)).toBe(name);
  });
});

describe('classifyInstall', () => {
  const failed = (stderr: string) => ({ code: 1, stderr, timedOut: false });
  it.each([
    [{ code: 0, stderr: '', timedOut: false }, { kind: 'installed' }],
    [{ code: null, stderr: '', timedOut: true }, { kind: 'offline', reason: 'no answer in time' }],
    [{ code: null, stderr: 'Error: spawn npm ENOENT', timedOut: false }, { kind: 'no-npm' }],
    [failed('npm error code ECONNREFUSED\nnpm error errno ECONNREFUSED'), { kind: 'offline', reason: 'ECONNREFUSED' }],
    [failed('npm error code EAI_AGAIN'), { kind: 'offline', reason: 'EAI_AGAIN' }],
    [failed("npm error code E404\nnpm error 404  The requested resource 'advpy-kata@0.1.0' could not be found"), { kind: 'not-on-registry' }],
    [failed('npm error code EACCES\nnpm error syscall mkdir'), { kind: 'failed', reason: 'code EACCES' }],
    [failed(''), { kind: 'failed', reason: 'npm exited with 1' }],
  ])('%j is %j', (result, outcome) => {
    expect(classifyInstall(result)).toEqual(outcome);
  });
});
