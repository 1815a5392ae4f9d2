/**
 * The TS/Go habit rules. Each rule has a tiny learner-file fixture, run by a real
 * CPython, and the rule must fire on what that Python really reported (so the
 * patterns track CPython's actual wording). No rule may fire on correct code:
 * every reference solution, with a failing assertion as the failure, gets none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { execute } from '../../src/engine/processes.js';
import {
  blankCommentsAndStrings,
  EXPLANATION_RULE_IDS,
  explainFailure,
  MAX_EXPLANATIONS,
  type FailureFacts,
} from '../../src/core/explanations.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { testPython } from '../helpers/python.js';

/** rule id -> a learner file that shows the habit. */
const FIXTURES: Record<string, string> = {
  'this-not-self': 'class Circle:\n    def __init__(self, r):\n        this.r = r\nCircle(1)\n',
  'null-undefined': 'def find(items):\n    return null\nfind([])\n',
  nil: 'def load():\n    err = None\n    if err != nil:\n        return err\nload()\n',
  'lowercase-booleans': 'def ready():\n    return true\nready()\n',
  'console-log': 'console.log("hi")\n',
  'fmt-println': 'fmt.Println("hi")\n',
  'triple-equals': 'def same(a, b):\n    return a === b\n',
  'logical-symbols': 'def both(a, b):\n    return a && b\n',
  increment: 'count = 0\ncount++\n',
  braces: 'def area(r) {\n    return r * r\n}\n',
  'else-if': 'def sign(n):\n    if n > 0:\n        return 1\n    else if n < 0:\n        return -1\n',
  declarations: 'const LIMIT = 10\n',
  'walrus-declare': 'total := 0\n',
  'func-keyword': 'func add(a, b):\n    return a + b\n',
  ternary: 'def label(n):\n    return n > 10 ? "big" : "small"\n',
  'slash-comment': '// compute the total\ntotal = 1\n',
  'new-keyword': 'class Timer:\n    pass\nt = new Timer()\n',
  'throw-catch': 'def check(n):\n    throw ValueError("negative")\n',
  'c-style-for': 'for (i = 0; i < 3; i++):\n    pass\n',
  switch: 'switch command:\n    pass\n',
  'missing-colon': 'def area(r)\n    return r * r\n',
  indentation: 'def area(r):\nreturn r * r\n',
  'coroutine-never-awaited': 'async def fetch():\n    return 1\nfetch()\n',
  'await-none': 'import asyncio\ndef sync_fetch():\n    return None\nasync def main():\n    await sync_fetch()\nasyncio.run(main())\n',
  'coroutine-used-as-value': 'import asyncio, warnings\nwarnings.simplefilter("ignore")\nasync def get_user():\n    return {"name": "Ada"}\nasync def main():\n    user = get_user()\n    return user["name"]\nasyncio.run(main())\n',
  'blocking-sleep-in-async': 'import time\nasync def poll():\n    time.sleep(0)\n',
  'closure-assignment': 'def counter():\n    count = 0\n    def bump():\n        count += 1\n        return count\n    return bump\ncounter()()\n',
  'mutable-default': 'def add(item, items=[]):\n    items.append(item)\n    return items\n',
  'unhashable-key': 'seen = {}\nseen[[1, 2]] = True\n',
  'str-plus-number': 'n = 5\nlabel = "n=" + n\n',
  'keyerror-undefined': 'config = {}\nport = config["port"]\n',
  'is-versus-equals': 'def admin(role):\n    return role is "admin"\n',
  'true-division': 'items = [1, 2, 3]\nmiddle = items[len(items) / 2]\n',
  'method-without-self': 'class Timer:\n    def reset():\n        pass\nTimer().reset()\n',
  'method-called-on-class': 'class Circle:\n    def area(self):\n        return 1\nCircle.area()\n',
  'template-literal-in-fstring': 'total = 3\nprint(f"total: ${total}")\nassert False\n',
  'decorator-returns-none': 'def logged(fn):\n    def wrapper(*args):\n        return fn(*args)\n@logged\ndef add(a, b):\n    return a + b\nadd(1, 2)\n',
  'setter-recursion':
    'class Circle:\n    @property\n    def radius(self):\n        return self._r\n    @radius.setter\n    def radius(self, value):\n        self.radius = value\nCircle().radius = 1\n',
  'getattr-recursion':
    'import copy\nclass Config:\n    def __init__(self, data):\n        self._data = data\n    def __getattr__(self, name):\n        return self._data[name]\ncopy.copy(Config({}))\n',
  'no-threads-here': 'raise RuntimeError("can\'t start new thread")\n',
  'js-length': 'items = [1]\nn = items.length\n',
  'js-push': 'items = []\nitems.push(1)\n',
  'js-foreach': 'items = [1]\nitems.map(str)\n',
  'js-includes': 'names = ["a"]\nnames.includes("a")\n',
  'js-case': 'name = "ada"\nname.toUpperCase()\n',
  'js-indexof': 'name = "ada"\nname.indexOf("d")\n',
  'js-entries': 'd = {}\nd.entries()\n',
};

/** Runs each fixture in a fresh namespace and reports what Python raised and warned. */
const HARNESS = String.raw`
import contextlib, gc, io, json, sys, traceback, warnings
fixtures = json.loads(sys.argv[1])
facts = {}
for rule, code in fixtures.items():
    error = None
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("always")
        try:
            exec(compile(code, "fixture.py", "exec"), {"__name__": "fixture"})
        except SyntaxError as exc:
            error = {"type": type(exc).__name__, "message": exc.msg, "code": exc.text or ""}
        except BaseException as exc:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "fixture.py"]
            line = code.splitlines()[frames[-1].lineno - 1] if frames else ""
            error = {"type": type(exc).__name__, "message": str(exc), "code": line}
        gc.collect()
    facts[rule] = {"error": error, "warnings": [{"category": w.category.__name__, "message": str(w.message)} for w in caught]}
print(json.dumps(facts))
`;

let observed: Record<string, { error: FailureFacts['error'] | null; warnings: NonNullable<FailureFacts['warnings']> }>;

beforeAll(async () => {
  const python = await testPython();
  const result = await execute(python, ['-c', HARNESS, JSON.stringify(FIXTURES)], {
    description: 'the explanation fixtures',
    timeoutMs: 60_000,
  });
  expect(result.code, result.stderr).toBe(0);
  observed = JSON.parse(result.stdout) as typeof observed;
}, 60_000);

function factsFor(rule: string): FailureFacts {
  const seen = observed[rule];
  const facts: FailureFacts = { source: FIXTURES[rule] ?? '', warnings: seen?.warnings ?? [] };
  if (seen?.error) facts.error = seen.error;
  return facts;
}

describe('every rule has a fixture', () => {
  test('at least 30 rules, each with a fixture, and no fixture without a rule', () => {
    expect(EXPLANATION_RULE_IDS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(EXPLANATION_RULE_IDS).size, 'rule ids are unique').toBe(EXPLANATION_RULE_IDS.length);
    expect(Object.keys(FIXTURES).sort()).toEqual([...EXPLANATION_RULE_IDS].sort());
  });
});

describe('each rule fires on what CPython reported for its fixture', () => {
  for (const rule of Object.keys(FIXTURES)) {
    test(rule, () => {
      const facts = factsFor(rule);
      const fired = explainFailure(facts).map((explanation) => explanation.id);
      expect(fired, `what Python reported: ${JSON.stringify(observed[rule])}`).toContain(rule);
      expect(fired.length).toBeLessThanOrEqual(MAX_EXPLANATIONS);
    });
  }
});

describe('no rule fires on correct code', () => {
  const solutions = readdirSync(join(PACKAGE_ROOT, 'solutions'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.py'))
    .sort();
  test.each(solutions)('solutions/%s', (file) => {
    const source = readFileSync(join(PACKAGE_ROOT, 'solutions', file), 'utf8');
    const facts: FailureFacts = { source, error: { type: 'AssertionError', message: 'expected 3, got 4' } };
    expect(explainFailure(facts)).toEqual([]);
  });

  test.each([
    ['an async function that awaits asyncio.sleep', 'import asyncio\nasync def poll():\n    await asyncio.sleep(0)\n\ndef later():\n    import time\n    time.sleep(0)\n'],
    ['a docstring that mentions the habits', '"""Never write def f(x=[]) or time.sleep inside async def."""\n'],
    ['a None default', 'def add(item, items: list[int] | None = None):\n    return items\n'],
    ['a real conditional expression', 'label = "big" if n > 10 else "small"\n'],
  ])('%s', (_name, source) => {
    expect(explainFailure({ source, error: { type: 'ValueError', message: 'bad' } })).toEqual([]);
  });
});

describe('explainFailure', () => {
  test('gives at most two explanations, the learner’s own language first', () => {
    const facts: FailureFacts = {
      error: { type: 'SyntaxError', message: 'invalid syntax', code: 'if a === b && !c { x++ }' },
    };
    expect(explainFailure(facts)).toHaveLength(MAX_EXPLANATIONS);
    const [first] = explainFailure({ error: { type: 'KeyError', message: "'port'" } }, { from: 'go' });
    expect(first?.expected).toMatch(/In Go/);
    expect(explainFailure({ error: { type: 'KeyError', message: "'port'" } }, { from: 'ts' })[0]?.expected).toMatch(/In JS/);
  });

  test.each([
    ['walrus-declare', 'instance := cls(*args, **kwargs)', 'instance = cls(*args, **kwargs)'],
    ['triple-equals', 'return a === b', 'return a == b'],
    ['triple-equals', 'if a !== b:', 'if a != b:'],
    ['logical-symbols', 'return a && !b || c', 'return a and not b or c'],
    ['increment', 'count++', 'count += 1'],
    ['increment', 'left--;', 'left -= 1'],
    ['else-if', 'else if n < 0:', 'elif n < 0:'],
    ['else-if', '} else if (n < 0) {', 'elif n < 0:'],
    ['declarations', 'const LIMIT = 10;', 'LIMIT = 10'],
    ['new-keyword', 't = new Timer()', 't = Timer()'],
  ])('%s: the fix is the learner’s own line rewritten (%s)', (rule, code, fix) => {
    const explanation = explainFailure({ error: { type: 'SyntaxError', message: 'invalid syntax', code } }).find((found) => found.id === rule);
    expect(explanation?.fix).toBe(fix);
  });

  test('a line the rule cannot rewrite gets its example fix', () => {
    // `var x int` declares a type with no value: dropping `var` would not be Python.
    const explanation = explainFailure({ error: { type: 'SyntaxError', message: 'invalid syntax', code: 'var total int' } }).find((found) => found.id === 'declarations');
    expect(explanation?.fix).toBe('total = 0  (or  LIMIT: Final = 10)');
  });

  test('says whom it speaks to: the learner’s language when worded for it, else both', () => {
    const declaration = { error: { type: 'SyntaxError', message: 'invalid syntax', code: 'var total = 0' } };
    expect(explainFailure(declaration, { from: 'go' })[0]).toMatchObject({ audience: 'go', expected: expect.stringMatching(/^In Go/) });
    expect(explainFailure(declaration, { from: 'ts' })[0]).toMatchObject({ audience: 'ts', expected: expect.stringMatching(/^In TS/) });
    expect(explainFailure(declaration)[0]?.audience).toBe('both');
    // A TypeScript-only habit stays labelled for TypeScript, whoever the learner is.
    expect(explainFailure({ error: { type: 'SyntaxError', message: 'invalid syntax', code: 'if a === b:' } }, { from: 'go' })[0]?.audience).toBe('ts');
  });

  test('every explanation says what was expected, what Python does, and the fix', () => {
    for (const rule of Object.keys(FIXTURES)) {
      for (const explanation of explainFailure(factsFor(rule))) {
        expect(explanation.expected, rule).not.toBe('');
        expect(explanation.python, rule).not.toBe('');
        expect(explanation.fix, rule).not.toBe('');
      }
    }
  });
});

describe('blankCommentsAndStrings', () => {
  test.each([
    ['x = 1  # time.sleep(1)', 'x = 1                 '],
    ['s = "a # b"', 's = "     "'],
    ["t = '''\ndef f(x=[]):\n'''", `t = '''\n${' '.repeat(12)}\n'''`],
    ['u = "esc \\" q" + v', 'u = "        " + v'],
  ])('%j', (source, expected) => {
    expect(blankCommentsAndStrings(source)).toBe(expected);
  });
});
