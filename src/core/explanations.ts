/**
 * Explanations for habits brought from TypeScript and Go: a rule table that maps
 * a Python failure (an exception, a warning, a syntax error, or a pattern in the
 * learner's source) to what the learner probably expected, what Python does
 * instead, and the idiomatic fix in one line.
 *
 * Pure data and matching; the renderers decide where to show it. A rule fires
 * only on evidence it can see, and at most two explanations are given per
 * failure, so a learner is never buried in guesses.
 */

import { learnerFrames, type PythonFailure } from './failures.js';
import type { SuiteOutcome, TestFailure, TestReport } from './outcome.js';

export type FromLanguage = 'ts' | 'go';

/** What the runner observed about one failure. */
export interface FailureFacts {
  /** The exception Python raised, if any. `code` is the learner's line it points at. */
  error?: { type: string; message: string; code?: string };
  warnings?: readonly { category: string; message: string }[];
  /** The learner's file, for habits that only the source shows. */
  source?: string;
}

export interface Explanation {
  id: string;
  /** What the learner probably expected, in the terms of the language they know. */
  expected: string;
  /** What Python does instead. */
  python: string;
  /** The idiomatic fix, one line: the learner's own line rewritten when the rule can, else an example. */
  fix: string;
  /** Whose habit the wording speaks to: it is labelled "Coming from Go?", "…TypeScript?" or "…TS/Go?". */
  audience: FromLanguage | 'both';
}

interface Rule {
  id: string;
  /** Which background the habit comes from; `both` when TS and Go share it. */
  from: FromLanguage | 'both';
  /** Per-language wording of the expectation; `both` is used when a language has none of its own. */
  expected: Partial<Record<FromLanguage | 'both', string>>;
  python: string;
  /** An example of the fix, for when {@link rewrite} cannot apply to the learner's line. */
  fix: string;
  /**
   * The offending line (trimmed) as Python would write it, for syntax habits where
   * the fix is mechanical; undefined when this line cannot be rewritten.
   */
  rewrite?: (line: string) => string | undefined;
  matches: (facts: NormalisedFacts) => boolean;
}

interface NormalisedFacts {
  type: string;
  message: string;
  /** The offending line, trimmed ('' when unknown). */
  code: string;
  warnings: readonly { category: string; message: string }[];
  /** The source with comments and string contents blanked, so patterns see only code. */
  code_only: string;
  /** The raw source. */
  source: string;
}

const SYNTAX = new Set(['SyntaxError', 'IndentationError', 'TabError']);
const isSyntax = (facts: NormalisedFacts): boolean => SYNTAX.has(facts.type);
const nameError = (name: string) => (facts: NormalisedFacts) =>
  facts.type === 'NameError' && facts.message.startsWith(`name '${name}' is not defined`);
const syntaxLine = (pattern: RegExp) => (facts: NormalisedFacts) => isSyntax(facts) && pattern.test(facts.code);
const missingAttribute = (names: readonly string[]) => (facts: NormalisedFacts) => {
  if (facts.type !== 'AttributeError') return false;
  const match = /^'(list|str|dict|tuple|set)' object has no attribute '(\w+)'/.exec(facts.message);
  return match !== null && names.includes(match[2] ?? '');
};

/** Methods a TS developer reaches for on arrays and strings, and Python's idiom for each. */
const JS_METHODS: ReadonlyArray<{ id: string; names: string[]; idiom: string; fix: string }> = [
  { id: 'js-length', names: ['length', 'size', 'len'], idiom: 'Length is a built-in function, not a property: len(x) works on every sized object.', fix: 'len(items) instead of items.length' },
  { id: 'js-push', names: ['push'], idiom: 'Lists grow with append (one item) or extend (many).', fix: 'items.append(x) instead of items.push(x)' },
  { id: 'js-foreach', names: ['forEach', 'map', 'filter', 'reduce', 'some', 'every'], idiom: 'Lists have no callback methods; loops and comprehensions do that work.', fix: '[f(x) for x in items if keep(x)] instead of items.filter(keep).map(f)' },
  { id: 'js-includes', names: ['includes', 'contains'], idiom: 'Membership is the `in` operator, for lists, strings, sets and dict keys alike.', fix: 'x in items instead of items.includes(x)' },
  { id: 'js-case', names: ['toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd'], idiom: 'String methods have shorter names: upper(), lower(), strip(), lstrip(), rstrip().', fix: 'text.upper() instead of text.toUpperCase()' },
  { id: 'js-indexof', names: ['indexOf', 'lastIndexOf'], idiom: 'Lists have index() (which raises ValueError when absent); strings have find() (which returns -1).', fix: 'text.find(sub) or items.index(x) instead of indexOf' },
  { id: 'js-entries', names: ['entries', 'hasOwnProperty'], idiom: 'Dicts iterate their keys directly; items() gives pairs, and `in` tests a key.', fix: 'for key, value in d.items() instead of Object.entries(d)' },
];

const RULES: readonly Rule[] = [
  // ---- names from other languages ---------------------------------------------
  {
    id: 'this-not-self', from: 'ts',
    expected: { ts: 'In TS, `this` is there inside every method without being declared.' },
    python: 'Python has no `this`: a method receives the instance as its first parameter, named `self` by convention.',
    fix: 'def area(self): return self.radius ** 2',
    matches: nameError('this'),
  },
  {
    id: 'null-undefined', from: 'ts',
    expected: { ts: 'In TS, `null` and `undefined` are built-in values.' },
    python: 'Python has one "no value" object, `None` (capitalised), and nothing like `undefined`: a missing name or key is an error.',
    fix: 'return None (and test with `x is None`)',
    matches: (facts) => nameError('null')(facts) || nameError('undefined')(facts),
  },
  {
    id: 'nil', from: 'go',
    expected: { go: 'In Go, `nil` is the zero value of pointers, maps, slices and errors, and `if err != nil` checks for failure.' },
    python: 'Python spells it `None`, and errors are exceptions that propagate by themselves instead of values you compare with nil.',
    fix: 'x is None; for errors, try/except instead of err != nil',
    matches: nameError('nil'),
  },
  {
    id: 'lowercase-booleans', from: 'both',
    expected: { both: 'In TS and Go, the booleans are `true` and `false`.' },
    python: 'Python capitalises them: `True` and `False` (and `None`).',
    fix: 'return True',
    matches: (facts) => nameError('true')(facts) || nameError('false')(facts),
  },
  {
    id: 'console-log', from: 'ts',
    expected: { ts: 'In TS, `console.log` prints.' },
    python: 'Python prints with the built-in function print(); there is no console object.',
    fix: 'print(f"total: {total}")',
    matches: nameError('console'),
  },
  {
    id: 'fmt-println', from: 'go',
    expected: { go: 'In Go, the fmt package prints (fmt.Println, fmt.Printf).' },
    python: 'Python prints with the built-in print(), and formats with f-strings; nothing needs importing.',
    fix: 'print(f"{name}: {value:.2f}")',
    matches: nameError('fmt'),
  },
  // ---- syntax from other languages --------------------------------------------
  {
    id: 'triple-equals', from: 'ts',
    expected: { ts: 'In TS, `===` compares without coercion, and `==` is the loose one to avoid.' },
    python: 'Python never coerces in comparisons, so `==` is already strict; `===` does not exist.',
    fix: 'if a == b:',
    rewrite: (line) => line.replace(/([!=])==/g, '$1='),
    matches: syntaxLine(/[!=]==/),
  },
  {
    id: 'logical-symbols', from: 'both',
    expected: { both: 'In TS and Go, `&&`, `||` and `!` combine conditions.' },
    python: 'Python spells them as words: `and`, `or`, `not`.',
    fix: 'if ready and not failed:',
    rewrite: (line) => line.replace(/\s*&&\s*/g, ' and ').replace(/\s*\|\|\s*/g, ' or ').replace(/(^|[\s(])!(?=[A-Za-z_(])/g, '$1not '),
    matches: (facts) => isSyntax(facts) && (/&&|\|\|/.test(facts.code) || /(^|[\s(])![A-Za-z_(]/.test(facts.code)),
  },
  {
    id: 'increment', from: 'both',
    expected: { both: 'In TS and Go, `i++` adds one.' },
    python: 'Python has no ++ or --; integers are immutable, so you rebind the name.',
    fix: 'count += 1',
    rewrite: (line) => line.replace(/(\w+)(\+\+|--)\s*;?\s*$/, (_all, name: string, op: string) => `${name} ${op[0]}= 1`),
    matches: syntaxLine(/\w(\+\+|--)\s*;?\s*$/),
  },
  {
    id: 'braces', from: 'both',
    expected: { both: 'In TS and Go, braces delimit a block.' },
    python: 'Python marks a block with a colon at the end of the header and indentation below it; braces make a dict or a set.',
    fix: 'if ready:  (then the body indented on the next lines)',
    matches: syntaxLine(/(\)|\b(else|try|finally|do))\s*\{\s*$/),
  },
  {
    id: 'else-if', from: 'both',
    expected: { both: 'In TS and Go, `else if` chains conditions.' },
    python: 'Python spells it as one word, `elif`.',
    fix: 'elif count > 10:',
    rewrite: (line) => line.replace(/^\}?\s*else\s+if\s*\(?(.*?)\)?\s*[{:]?\s*$/, 'elif $1:'),
    matches: syntaxLine(/\belse\s+if\b/),
  },
  {
    id: 'declarations', from: 'both',
    expected: { ts: 'In TS, `const`, `let` and `var` declare a name.', go: 'In Go, `var` and `:=` declare a name.' },
    python: 'Python declares a name by assigning to it; there is no keyword. `Final` (from typing) marks a constant for type checkers.',
    fix: 'total = 0  (or  LIMIT: Final = 10)',
    rewrite: (line) => (/^var\s+\w+\s+[\w.[\]*]+\s*$/.test(line) ? undefined : line.replace(/^(const|let|var)\s+/, '').replace(/;\s*$/, '')),
    matches: syntaxLine(/^(const|let|var)\s+[A-Za-z_]/),
  },
  {
    id: 'walrus-declare', from: 'go',
    expected: { go: 'In Go, `x := value` declares and assigns.' },
    python: 'In Python `:=` is the walrus operator, allowed only inside an expression (such as an if or while condition). A plain statement uses `=`.',
    fix: 'total = 0',
    rewrite: (line) => line.replace(/^([A-Za-z_][\w, ]*?)\s*:=\s*/, '$1 = '),
    matches: (facts) => isSyntax(facts) && /^[A-Za-z_][\w, ]*:=/.test(facts.code),
  },
  {
    id: 'func-keyword', from: 'both',
    expected: { ts: 'In TS, `function` (or an arrow) defines a function.', go: 'In Go, `func` defines a function.' },
    python: 'Python defines functions with `def`, and a lambda is a single expression.',
    fix: 'def total(items: list[int]) -> int:',
    matches: syntaxLine(/^(func|function)\b/),
  },
  {
    id: 'ternary', from: 'ts',
    expected: { ts: 'In TS, `cond ? a : b` picks a value.' },
    python: "Python's conditional expression reads in the other order: the value, then the condition.",
    fix: 'label = "big" if n > 10 else "small"',
    matches: syntaxLine(/\S\s*\?\s*[^?:]+\s:\s*\S/),
  },
  {
    id: 'slash-comment', from: 'both',
    expected: { both: 'In TS and Go, `//` starts a comment.' },
    python: 'In Python `//` is floor division; comments start with `#`.',
    fix: '# a comment',
    matches: syntaxLine(/^\/\/|\s\/\/\s+[A-Za-z]+\s+[A-Za-z]+/),
  },
  {
    id: 'new-keyword', from: 'ts',
    expected: { ts: 'In TS, `new Foo()` creates an instance.' },
    python: 'Python creates an instance by calling the class like a function; there is no `new`.',
    fix: 'timer = Timer()',
    rewrite: (line) => line.replace(/\bnew\s+(?=[A-Z])/g, '').replace(/;\s*$/, ''),
    matches: syntaxLine(/\bnew\s+[A-Z]\w*\s*\(/),
  },
  {
    id: 'throw-catch', from: 'ts',
    expected: { ts: 'In TS, `throw` raises an error and `catch` handles it.' },
    python: 'Python raises with `raise` and handles with `except`, naming the exception types to catch.',
    fix: 'raise ValueError("negative radius")  /  except ValueError as error:',
    matches: syntaxLine(/^(throw\s|\}?\s*catch\b)/),
  },
  {
    id: 'c-style-for', from: 'both',
    expected: { both: 'In TS and Go, `for (i = 0; i < n; i++)` counts.' },
    python: "Python's for loop walks an iterable; range(n) gives the numbers.",
    fix: 'for i in range(n):',
    matches: syntaxLine(/^for\s*\(?.*;.*;/),
  },
  {
    id: 'switch', from: 'both',
    expected: { both: 'In TS and Go, `switch` picks a branch.' },
    python: 'Python uses if/elif, or `match`/`case` for structural patterns.',
    fix: 'match command: (then case "start": ...)',
    matches: syntaxLine(/^switch\b/),
  },
  {
    id: 'missing-colon', from: 'both',
    expected: { both: 'In TS and Go, a block header needs no trailing punctuation.' },
    python: 'Every Python block header (def, class, if, for, while, with, try, except) ends with a colon.',
    fix: 'def area(self) -> float:',
    matches: (facts) => facts.type === 'SyntaxError' && facts.message.startsWith("expected ':'"),
  },
  {
    id: 'indentation', from: 'both',
    expected: { both: 'In TS and Go, indentation is only style.' },
    python: 'In Python indentation is syntax: it is what puts a line inside a block. Mixing tabs and spaces, or a header with no indented body, is an error.',
    fix: 'indent each body four spaces under its header (pass for an empty one)',
    matches: (facts) => facts.type === 'IndentationError' || facts.type === 'TabError',
  },
  // ---- async --------------------------------------------------------------------
  {
    id: 'coroutine-never-awaited', from: 'ts',
    expected: { ts: 'In JS, calling an async function starts it: the Promise runs even if nobody awaits it.', go: 'In Go, `go f()` starts work at once.' },
    python: 'A Python coroutine does nothing until it is awaited (or wrapped in a task). Calling an async function only creates it.',
    fix: 'result = await fetch(url)  (or asyncio.create_task(fetch(url)) to run it alongside)',
    matches: (facts) => facts.warnings.some((w) => w.category === 'RuntimeWarning' && /coroutine .* was never awaited/.test(w.message)),
  },
  {
    id: 'await-none', from: 'ts',
    expected: { ts: 'In JS, `await` on a plain value just gives the value back.' },
    python: 'Python can only await awaitables (coroutines, tasks, futures). The awaited expression was None: usually a sync function, or an async one whose coroutine was awaited earlier or never returned.',
    fix: 'await only what an `async def` returned, and check the function you call is async',
    matches: (facts) => facts.type === 'TypeError' && /NoneType.*(await|awaited)|'NoneType' object can't be awaited/.test(facts.message),
  },
  {
    id: 'coroutine-used-as-value', from: 'ts',
    expected: { ts: 'In JS, you can forget `await` and still get a Promise that resolves later.' },
    python: 'Without `await`, you hold the coroutine object itself, not its result, so its attributes and items are not there.',
    fix: 'user = await get_user(id)',
    matches: (facts) => /'coroutine' object (has no attribute|is not (subscriptable|iterable))/.test(facts.message),
  },
  {
    id: 'blocking-sleep-in-async', from: 'ts',
    expected: { ts: 'In JS, waiting never blocks the event loop: setTimeout schedules, it does not stop.' },
    python: 'time.sleep blocks the whole thread, so inside `async def` it freezes the event loop and every other task with it.',
    fix: 'await asyncio.sleep(delay)',
    matches: (facts) => asyncBodies(facts.code_only).some((body) => blockingSleep(body, facts.code_only)),
  },
  // ---- closures, values, types -------------------------------------------------
  {
    id: 'closure-assignment', from: 'both',
    expected: { both: 'In TS and Go, a closure can assign to a variable of the enclosing function.' },
    python: 'Assigning to a name anywhere in a function makes it local to that function, so reading it before the assignment fails. Declare it `nonlocal` (or `global`) to rebind the outer one.',
    fix: 'nonlocal count  (first line of the inner function)',
    matches: (facts) => facts.type === 'UnboundLocalError',
  },
  {
    id: 'mutable-default', from: 'both',
    expected: { ts: 'In TS, a default like `items = []` is evaluated again on every call.' },
    python: 'A Python default is evaluated once, when `def` runs, so a list, dict or set default is shared by every call.',
    fix: 'def add(item, items: list[str] | None = None): then items = [] if items is None else items',
    matches: (facts) => /def\s+\w+\s*(\[[^\]]*\])?\s*\([^)]*=\s*(\[\]|\{\}|set\(\)|list\(\)|dict\(\))/.test(facts.code_only),
  },
  {
    id: 'unhashable-key', from: 'both',
    expected: { ts: 'In JS, a Map accepts any object as a key (by identity).', go: 'In Go, the compiler rejects map keys that are not comparable.' },
    python: 'Dict keys and set members must be hashable, and lists, dicts and sets are not (they can change). Tuples and frozensets are.',
    fix: 'seen[tuple(point)] = True',
    matches: (facts) => facts.type === 'TypeError' && /unhashable type: '(list|dict|set)'/.test(facts.message),
  },
  {
    id: 'str-plus-number', from: 'ts',
    expected: { ts: 'In JS, `"n=" + 5` coerces the number to a string.' },
    python: 'Python never converts implicitly between str and numbers, so + between them is an error.',
    fix: 'f"n={n}"  (or str(n))',
    matches: (facts) =>
      facts.type === 'TypeError' &&
      /can only concatenate str \(not "(int|float)"\) to str|unsupported operand type\(s\) for \+: '(int|float)' and 'str'/.test(facts.message),
  },
  {
    id: 'keyerror-undefined', from: 'both',
    expected: { ts: 'In JS, a missing key reads as `undefined`.', go: 'In Go, a missing map key reads as the zero value.' },
    python: 'Indexing a dict with a missing key raises KeyError. Ask for a default explicitly.',
    fix: 'd.get(key, default)  or  if key in d:',
    matches: (facts) => facts.type === 'KeyError',
  },
  {
    id: 'is-versus-equals', from: 'ts',
    expected: { ts: 'In JS, `===` compares strings and numbers by value.' },
    python: '`is` asks whether two names are the same object, which small strings and ints only sometimes are. Compare values with `==`; keep `is` for None and sentinels.',
    fix: 'if role == "admin":',
    matches: (facts) =>
      facts.warnings.some((w) => w.category === 'SyntaxWarning' && /"is( not)?" with '?\w+'? literal/.test(w.message)) ||
      (facts.type === 'SyntaxWarning' && /"is( not)?" with/.test(facts.message)),
  },
  {
    id: 'true-division', from: 'both',
    expected: { ts: 'In TS all numbers are doubles, and you truncate by hand.', go: 'In Go, `/` between two ints is integer division.' },
    python: '`/` always gives a float in Python, even for two ints; `//` is floor division.',
    fix: 'middle = len(items) // 2',
    matches: (facts) =>
      facts.type === 'TypeError' &&
      /'float' object cannot be interpreted as an integer|(list|tuple|string) indices must be integers or slices, not float/.test(facts.message),
  },
  {
    id: 'method-without-self', from: 'both',
    expected: { ts: 'In TS, a method gets `this` implicitly.', go: 'In Go, the receiver is declared before the method name.' },
    python: 'A Python method receives the instance as its first parameter, so a method declared with no parameters cannot be called on an instance.',
    fix: 'def reset(self) -> None:',
    matches: (facts) => facts.type === 'TypeError' && /takes 0 positional arguments but 1 was given/.test(facts.message),
  },
  {
    id: 'method-called-on-class', from: 'ts',
    expected: { ts: 'In TS, a `static` method is called on the class.' },
    python: "Called on the class, a plain method gets no instance, so `self` is missing. Call it on an instance, or make it a @staticmethod or @classmethod if it needs none.",
    fix: 'Circle(2).area()  or  @classmethod def unit(cls): ...',
    matches: (facts) => facts.type === 'TypeError' && /missing 1 required positional argument: 'self'/.test(facts.message),
  },
  {
    id: 'template-literal-in-fstring', from: 'ts',
    expected: { ts: 'In a TS template literal, `${x}` inserts x.' },
    python: 'In an f-string the braces alone insert a value; the `$` before them is printed as it is.',
    fix: 'f"total: {total}"',
    matches: (facts) => /\bf(["'])[^"'\n]*\$\{/.test(facts.source),
  },
  // ---- decorators and descriptors -------------------------------------------------
  {
    id: 'decorator-returns-none', from: 'both',
    expected: { both: 'A decorator or higher-order function hands back the function it built.' },
    python: '`@d` above a def means the name is rebound to whatever d returned. A decorator that forgets `return wrapper` returns None, so calling the decorated name calls None.',
    fix: 'end the decorator with  return wrapper  (the function, not a call)',
    // Evidence that the file builds wrappers: a decorator line, or a def nested in another.
    matches: (facts) =>
      facts.type === 'TypeError' && /^'NoneType' object is not callable/.test(facts.message) && /^\s*@|^\s+def\s/m.test(facts.code_only),
  },
  {
    id: 'setter-recursion', from: 'ts',
    expected: { ts: 'In TS, a setter often stores into a field of the same name, and a class field and an accessor live apart.' },
    python: 'Inside a property, `self.x = value` calls the property again, forever. Store the value under another name, such as `self._x`.',
    fix: 'self._radius = value  (inside the setter)',
    matches: (facts) => facts.type === 'RecursionError' && /\.setter\b|@property\b/.test(facts.code_only) && !/__getattr__/.test(facts.code_only),
  },
  {
    id: 'getattr-recursion', from: 'ts',
    expected: { ts: 'In TS, a Proxy `get` trap can read the target freely.' },
    python: '__getattr__ runs for every missing attribute, including the ones it reads itself: touching `self._data` before it exists (in copy or pickle, where __init__ never ran) calls __getattr__ again, forever.',
    fix: 'read internals with vars(self) or object.__getattribute__, and raise AttributeError for names that start with _',
    matches: (facts) => facts.type === 'RecursionError' && /def\s+__getattr__/.test(facts.code_only),
  },
  // ---- concurrency -----------------------------------------------------------------
  {
    id: 'no-threads-here', from: 'go',
    expected: { go: 'In Go, starting a goroutine always works.' },
    python: 'This Python (WebAssembly, the embedded engine) cannot start threads at all. Exercises about threads need a native CPython.',
    fix: 'install CPython 3.12+ and run `advpy-kata doctor`',
    matches: (facts) => /can't start new thread/.test(facts.message),
  },
  ...JS_METHODS.map(
    ({ id, names, idiom, fix }): Rule => ({
      id, from: 'ts',
      expected: { ts: `In JS, arrays and strings have .${names[0]}.` },
      python: idiom,
      fix,
      matches: missingAttribute(names),
    }),
  ),
];

/** Every rule's id, for tests and documentation. */
export const EXPLANATION_RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

/** At most this many explanations per failure. */
export const MAX_EXPLANATIONS = 2;

/**
 * The explanations for one failure, best first, at most two. Rules from the
 * learner's own language (when known) come first.
 */
export function explainFailure(facts: FailureFacts, options: { from?: FromLanguage } = {}): Explanation[] {
  const normalised: NormalisedFacts = {
    type: facts.error?.type ?? '',
    message: facts.error?.message ?? '',
    code: (facts.error?.code ?? '').trim(),
    warnings: facts.warnings ?? [],
    source: facts.source ?? '',
    code_only: blankCommentsAndStrings(facts.source ?? ''),
  };
  const matched = RULES.filter((rule) => rule.matches(normalised));
  const ranked = options.from
    ? [...matched].sort((a, b) => rank(a, options.from) - rank(b, options.from))
    : matched;
  return ranked.slice(0, MAX_EXPLANATIONS).map((rule) => {
    const { key, audience } = wordingFor(rule, options.from);
    const rewritten = normalised.code === '' ? undefined : rule.rewrite?.(normalised.code);
    return {
      id: rule.id,
      expected: rule.expected[key] ?? '',
      python: rule.python,
      // A rewrite that changed nothing would be no fix at all.
      fix: rewritten !== undefined && rewritten !== normalised.code ? rewritten : rule.fix,
      audience,
    };
  });
}

/** The bodies of every `async def` in the source, found by indentation. */
function asyncBodies(code: string): string[] {
  const lines = code.split('\n');
  const bodies: string[] = [];
  lines.forEach((line, index) => {
    const header = /^(\s*)async\s+def\b/.exec(line);
    if (!header) return;
    const depth = header[1]?.length ?? 0;
    const body: string[] = [];
    for (const next of lines.slice(index + 1)) {
      if (next.trim() !== '' && next.length - next.trimStart().length <= depth) break;
      body.push(next);
    }
    bodies.push(body.join('\n'));
  });
  return bodies;
}

function blockingSleep(body: string, code: string): boolean {
  if (/\btime\.sleep\(/.test(body)) return true;
  // `from time import sleep` makes a bare sleep(...) the blocking one.
  return /^\s*from\s+time\s+import\s+[^\n]*\bsleep\b/m.test(code) && /(^|[^.\w])(?<!await\s)sleep\(/m.test(body);
}

/**
 * Which wording to show, and whom it is labelled for: the learner's own language
 * when the rule has words for it, else the shared wording, else the rule's one
 * language. A habit of both languages worded for one (no --from) is still labelled for both.
 */
function wordingFor(rule: Rule, from: FromLanguage | undefined): { key: FromLanguage | 'both'; audience: FromLanguage | 'both' } {
  if (from !== undefined && rule.expected[from] !== undefined) return { key: from, audience: from };
  if (rule.expected.both !== undefined) return { key: 'both', audience: 'both' };
  const key = rule.expected.ts !== undefined ? 'ts' : 'go';
  return { key, audience: rule.from === 'both' ? 'both' : key };
}

function rank(rule: Rule, from: FromLanguage | undefined): number {
  if (rule.from === from) return 0;
  return rule.from === 'both' ? 1 : 2;
}

/**
 * The source with comments and the insides of string literals replaced by spaces,
 * so a docstring that mentions `time.sleep` or `x=[]` never looks like code.
 * Hand-written (not a tokenizer) because it needs only this much: quotes, triple
 * quotes, escapes and `#`.
 */
export function blankCommentsAndStrings(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n') {
        out += ' ';
        i++;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      const triple = source.startsWith(ch.repeat(3), i);
      const close = triple ? ch.repeat(3) : ch;
      out += close;
      i += close.length;
      while (i < source.length && !source.startsWith(close, i) && (triple || source[i] !== '\n')) {
        if (source[i] === '\\') {
          out += '  ';
          i += 2;
          continue;
        }
        out += source[i] === '\n' ? '\n' : ' ';
        i++;
      }
      out += source.slice(i, i + close.length);
      i += close.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * The facts one test failure offers: the Python exception (and the learner's line
 * it points at), the warnings the test's code raised, and the learner's source.
 */
export function factsOfFailure(
  failure: { python?: PythonFailure } | undefined,
  output: { warnings: readonly { category: string; message: string }[] } | undefined,
  source: string | undefined,
): FailureFacts {
  const facts: FailureFacts = { warnings: output?.warnings ?? [] };
  if (source !== undefined) facts.source = source;
  if (failure?.python?.kind === 'exception') {
    const { type, message, frames } = failure.python.error;
    const frame = learnerFrames(frames).at(-1);
    facts.error = { type, message, code: frame?.code ?? '' };
  }
  return facts;
}

/**
 * The outcome with explanations attached to each failure that has evidence for
 * one. Only failing tests (and a file that would not load) are explained.
 */
export function explainOutcome(outcome: SuiteOutcome, source: string | undefined, options: { from?: FromLanguage } = {}): SuiteOutcome {
  const explain = (failure: TestFailure, output: TestReport['output']): TestFailure => {
    const explanations = explainFailure(factsOfFailure(failure, output, source), options);
    return explanations.length > 0 ? { ...failure, explanations } : failure;
  };
  switch (outcome.kind) {
    case 'passed':
    case 'unsupported':
    case 'error':
      return outcome;
    case 'failed':
      return {
        ...outcome,
        tests: outcome.tests.map((test) => (test.failure ? { ...test, failure: explain(test.failure, test.output) } : test)),
      };
    case 'broken':
      return { ...outcome, failure: explain(outcome.failure, undefined) };
  }
}
