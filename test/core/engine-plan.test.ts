import { describe, expect, it } from 'vitest';
import type { Capability } from '../../src/core/capabilities.js';
import type { EngineChoice } from '../../src/core/config.js';
import { parseMinVersion, planEngine } from '../../src/core/engine-plan.js';
import type { ProbedPython } from '../../src/core/python-choice.js';
import { broken, needing, python } from './_fixtures.js';

const PY311 = python('3.11.9');
const PY313 = python('3.13.1');
const PY314T = python('3.14.0t');
const PYPY = python('3.13.0', { implementation: 'pypy', path: '/opt/pypy/bin/python3', realPath: '/opt/pypy/bin/python3' });
const ENV311 = python('3.11.9', { source: 'env', path: '/env/python3.11', realPath: '/env/python3.11' });
const NONE: ProbedPython[] = [];

type Case = [string, Capability[], EngineChoice, ProbedPython[], 'native' | 'embedded' | 'none', string | undefined, RegExp];

describe('planEngine', () => {
  it.each<Case>([
    ['plain, a 3.13 found', [], 'auto', [PY313], 'native', PY313.path, /^first Python 3\.12 or newer found \(PATH\)$/],
    ['plain, nothing found', [], 'auto', NONE, 'embedded', undefined, /^no native Python fits \(no Python was found\), so the embedded Python 3\.14 runs it$/],
    ['plain, only 3.11 found', [], 'auto', [PY311], 'embedded', undefined, /too old: this course needs 3\.12 or newer \(PEP 695 syntax\)/],
    ['plain, 3.11 then 3.13', [], 'auto', [PY311, PY313], 'native', PY313.path, /first Python 3\.12/],
    ['plain, only PyPy', [], 'auto', [PYPY], 'embedded', undefined, /this course needs CPython/],
    ['plain, a broken one then 3.13', [], 'auto', [broken('/x/python3'), PY313], 'native', PY313.path, /first Python/],
    ['plain, ADVPY_PYTHON too old, 3.13 on PATH', [], 'auto', [ENV311, PY313], 'embedded', undefined, /the Python given with ADVPY_PYTHON \(\/env\/python3\.11\) cannot be used/],
    ['plain, --engine native, 3.13', [], 'native', [PY313], 'native', PY313.path, /first Python/],
    ['plain, --engine native, nothing', [], 'native', NONE, 'none', undefined, /^no native Python can run 01_x: no Python was found$/],
    ['plain, --engine native, broken', [], 'native', [broken('/x/python3')], 'none', undefined, /it did not start/],
    ['plain, --engine embedded, 3.13 found', [], 'embedded', [PY313], 'embedded', undefined, /^chosen with --engine embedded$/],
    ['typecheck, nothing found', ['typecheck'], 'auto', NONE, 'embedded', undefined, /embedded Python/],
    ['typecheck, --engine embedded', ['typecheck'], 'embedded', [PY313], 'embedded', undefined, /--engine embedded/],
    ['threads, 3.13', ['threads'], 'auto', [PY313], 'native', PY313.path, /first Python/],
    ['threads, nothing found', ['threads'], 'auto', NONE, 'none', undefined, /^01_x needs native CPython \(it uses threads, which the embedded Python cannot do\), and no native Python fits: no Python was found$/],
    ['processes, --engine embedded', ['processes'], 'embedded', [PY313], 'none', undefined, /^01_x needs native CPython \(it uses processes, which the embedded Python cannot do\)$/],
    ['free-threading, plain 3.13 only', ['free-threading'], 'auto', [PY313], 'none', undefined, /not a free-threaded build/],
    ['free-threading, 3.13 and 3.14t', ['free-threading'], 'auto', [PY313, PY314T], 'native', PY314T.path, /^first free-threaded Python 3\.12 or newer found/],
    ['threads and free-threading, --engine embedded', ['threads', 'free-threading'], 'embedded', NONE, 'none', undefined, /it uses threads, free-threading/],
  ])('%s, %j, %s', (_, capabilities, choice, found, engine, path, text) => {
    const plan = planEngine(needing(capabilities), choice, found);
    expect(plan.engine).toBe(engine);
    switch (plan.engine) {
      case 'native':
        expect(plan.python.path).toBe(path);
        expect(plan.why).toMatch(text);
        break;
      case 'embedded':
        expect(plan.why).toMatch(text);
        break;
      case 'none':
        expect(plan.reason).toMatch(text);
        expect(plan.fix).toMatch(/`advpy-kata doctor`/);
        break;
    }
  });

  it.each<[Capability[], RegExp]>([
    [[], /uv python install 3\.13/],
    [['threads'], /uv python install 3\.13/],
    [['free-threading'], /uv python install 3\.14t/],
  ])('the fix for %j names what to install', (capabilities, fix) => {
    const plan = planEngine(needing(capabilities), 'native', NONE);
    expect(plan.engine === 'none' && plan.fix).toMatch(fix);
  });

  it.each([
    ['3.13', '3.12.4', 'embedded'],
    ['3.13', '3.13.0', 'native'],
    ['3.11', '3.11.9', 'native'],
  ])('an exercise needing %s, with only %s found, runs on %s', (version, found, engine) => {
    expect(planEngine(needing([], version), 'auto', [python(found)]).engine).toBe(engine);
  });

  it('names PEP 695 only when the exercise needs 3.12 or newer', () => {
    const plan = planEngine(needing([], '3.11'), 'native', [python('3.10.2')]);
    expect(plan.engine === 'none' && plan.reason).toMatch(/needs 3\.11 or newer$/);
  });

  it.each<[EngineChoice]>([['auto'], ['embedded']])('an exercise needing a newer Python than the embedded 3.14 cannot run embedded (%s)', (choice) => {
    const plan = planEngine(needing([], '3.15'), choice, [PY313]);
    expect(plan.engine).toBe('none');
  });
});

describe('parseMinVersion', () => {
  it.each<[string, [number, number]]>([
    ['3.12', [3, 12]],
    ['3.9', [3, 9]],
  ])('%s → %j', (text, version) => {
    expect(parseMinVersion(text)).toEqual(version);
  });
});
