import { beforeEach, expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// Every test builds its own classes here, so no test depends on another's calls.
// `Tools` holds a my_staticmethod, `Shape`/`Square` a my_classmethod, and
// `Account` a method decorated with CountCalls. `attempt` runs a call and
// returns ("ok", value) or ("error", "Type: message"), for messages.
beforeEach(async () => {
  await py.exec(`
    import functools
    import types

    def attempt(action):
        try:
            return ("ok", action())
        except Exception as error:
            return ("error", f"{type(error).__name__}: {error}")

    def count_note(counter):
        """Say so when a count lives on the CountCalls class instead of on the decorated object."""
        own = getattr(counter, "__dict__", {})
        if "calls" not in own and isinstance(vars(ex.CountCalls).get("calls"), int):
            return (
                f" This object has no calls of its own: it reads CountCalls.calls, a class attribute "
                f"(now {vars(ex.CountCalls)['calls']}) that every decorated function shares. Keep the count on self."
            )
        return ""

    def kind(value):
        if isinstance(value, functools.partial):
            return "a functools.partial"
        return f"a {type(value).__module__}.{type(value).__qualname__} object".replace("builtins.", "")

    class Tools:
        @ex.my_staticmethod
        def echo(*args, **kwargs):
            return args, kwargs

    class MoreTools(Tools):
        pass

    class Shape:
        def __init__(self, label="plain"):
            self.label = label

        @ex.my_classmethod
        def who(cls, *args, **kwargs):
            return cls, args, kwargs

        @ex.my_classmethod
        def make(cls, label):
            return cls(label)

    class Square(Shape):
        pass

    class Account:
        def __init__(self, owner):
            self.owner = owner

        @ex.CountCalls
        def greet(self, greeting, *, punct="!"):
            """Greet the owner."""
            return f"{greeting}, {self.owner}{punct}"

    ann, bob = Account("ann"), Account("bob")
  `);
});

// ---- my_staticmethod ----------------------------------------------------------

test('my_staticmethod: through the class, fn gets exactly the arguments given', async () => {
  const [status, value] = await py.value<[string, unknown]>(
    'attempt(lambda: repr(Tools.echo(1, 2, k=3)))',
  );
  expect(
    status === 'ok' ? value : `it raised ${String(value)}`,
    `Tools.echo(1, 2, k=3) should call echo(1, 2, k=3) and give ((1, 2), {'k': 3}), but ${
      status === 'ok' ? `it gave ${String(value)}` : `it raised ${String(value)}`
    }. Reading Tools.echo ${await py.value<string>(
      '(lambda r: "gave " + r[1] if r[0] == "ok" else "raised " + r[1])(attempt(lambda: kind(Tools.echo)))',
    )}; through the class, ` +
      'obj is None and __get__ should still return something that calls fn with exactly those arguments.',
  ).toBe("((1, 2), {'k': 3})");
});

test('my_staticmethod: through an instance or a subclass, fn gets no implicit first argument', async () => {
  for (const [where, expr] of [
    ['Tools().echo', 'Tools().echo(1, k=3)'],
    ['MoreTools.echo', 'MoreTools.echo(1, k=3)'],
    ['MoreTools().echo', 'MoreTools().echo(1, k=3)'],
  ] as const) {
    const [status, value] = await py.value<[string, unknown]>(`attempt(lambda: repr(${expr}))`);
    const gotInstance = await py.value<boolean>(
      `(lambda r: r[0] == "ok" and len(r[1][0]) > 1 and isinstance(r[1][0][0], Tools))(attempt(lambda: ${expr}))`,
    );
    expect(
      status === 'ok' ? value : `raised ${String(value)}`,
      `${expr} should give ((1,), {'k': 3}), but ${status === 'ok' ? `it gave ${String(value)}` : `it raised ${String(value)}`}. ` +
        (gotInstance
          ? `The instance arrived as the first argument: ${where} is bound. A static method binds nothing: ` +
            'return fn itself from __get__, not a bound method.'
          : `Look at what my_staticmethod.__get__ returns when it is reached as ${where}.`),
    ).toBe("((1,), {'k': 3})");
  }
});

// ---- my_classmethod -----------------------------------------------------------

test('my_classmethod: fn receives the class, reached through the class or an instance', async () => {
  for (const expr of ['Shape.who(1, k=2)', 'Shape().who(1, k=2)']) {
    await py.exec(`
      outcome = attempt(lambda: ${expr})
      if outcome[0] == "ok" and isinstance(outcome[1], tuple) and len(outcome[1]) == 3:
          got_cls, got_args, got_kwargs = outcome[1]
          right = got_cls is Shape and got_args == (1,) and got_kwargs == {"k": 2}
          shown = f"cls={got_cls!r}, args={got_args!r}, kwargs={got_kwargs!r}"
      else:
          got_cls, right, shown = None, False, f"{outcome[1]}"
    `);
    const shown = await py.value<string>('shown');
    let why = 'Look at what my_classmethod.__get__ binds as the first argument.';
    if (await py.value<boolean>('got_cls is type(None)'))
      why = 'cls was NoneType: reached through the class, obj is None and type(obj) is NoneType. Use objtype, the owner class.';
    else if (await py.value<boolean>('isinstance(got_cls, Shape)'))
      why = 'cls was the instance, not its class (the way a Go method gets its receiver): bind objtype, or type(obj), never obj.';
    const raised = await py.value<boolean>('outcome[0] == "error"');
    if (raised) why = 'The class should be bound in front of the arguments, as MethodType(fn, cls) does.';
    expect(
      await py.value('right'),
      `${expr} should call who(Shape, 1, k=2), but ${raised ? 'it raised' : 'it received'} ${shown}. ${why}`,
    ).toBe(true);
  }
});

test('my_classmethod: through a subclass or its instance, fn receives the subclass', async () => {
  for (const expr of ['Square.who()', 'Square().who()']) {
    await py.exec(`
      outcome = attempt(lambda: ${expr})
      got_cls = outcome[1][0] if outcome[0] == "ok" else None
      shown = repr(got_cls) if outcome[0] == "ok" else outcome[1]
    `);
    const shown = await py.value<string>('shown');
    const gotBase = await py.value<boolean>('got_cls is Shape');
    expect(
      await py.value('got_cls is Square'),
      `${expr} should pass Square (the class it was reached through) as cls, but got ${shown}. ` +
        (gotBase
          ? 'It passed Shape, the class where who was defined: bind the owner that __get__ receives on each access, ' +
            'not a class remembered once (in __set_name__ or elsewhere).'
          : 'Bind objtype, or type(obj) when no owner is given.'),
    ).toBe(true);
  }
  const made = await py.value<[string, unknown]>('attempt(lambda: type(Square.make("big")).__name__)');
  expect(
    made,
    `an alternative constructor, Square.make("big"), should build a Square through cls(label), but gave ${JSON.stringify(made)}`,
  ).toEqual(['ok', 'Square']);
});

test('my_classmethod: __get__(instance) with no owner uses the instance\'s class', async () => {
  const result = await py.value<[string, string]>(
    'attempt(lambda: repr(vars(Shape)["who"].__get__(Square())()[0]))',
  );
  expect(
    result,
    'the descriptor protocol allows __get__(obj) with no owner; then the class is type(obj). ' +
      `vars(Shape)["who"].__get__(Square())() should pass Square as cls, but ${
        result[0] === 'ok' ? `it passed ${result[1]}` : `it raised ${result[1]}`
      }.`,
  ).toEqual(['ok', await py.value<string>('repr(Square)')]);
});

test('both are non-data descriptors: __get__ only, so an instance attribute hides them', async () => {
  for (const name of ['my_staticmethod', 'my_classmethod']) {
    const extra = await py.value<string[]>(
      `[m for m in ("__set__", "__delete__") if hasattr(ex.${name}, m)]`,
    );
    expect(
      extra,
      `${name} defines ${extra.join(' and ')}, which makes it a data descriptor: it would then win over the ` +
        "instance's own attributes, which the real staticmethod and classmethod never do. Define only __get__.",
    ).toEqual([]);
  }
  await py.exec(`
    tools, shape = Tools(), Shape()
    shadow = [attempt(lambda: setattr(tools, "echo", "mine") or tools.echo),
              attempt(lambda: setattr(shape, "who", "mine") or shape.who)]
  `);
  expect(
    await py.value('shadow'),
    `assigning tools.echo = "mine" and shape.who = "mine" should store those on the instances and hide the ` +
      `descriptors, but reading them back gave ${await py.value<string>('repr(shadow)')}`,
  ).toEqual([
    ['ok', 'mine'],
    ['ok', 'mine'],
  ]);
});

// ---- CountCalls on plain functions ---------------------------------------------

test('CountCalls on a plain function counts calls and passes arguments and results through', async () => {
  await py.exec(`
    marker = object()

    @ex.CountCalls
    def build(a, b=2, *rest, sep="-", **extra):
        return marker, [a, b, list(rest), sep, extra]

    start = build.calls
    first = attempt(lambda: build(1, 5, 6, sep="+", colour="red"))
    second = attempt(lambda: build(0))
    same_object = first[0] == "ok" and first[1][0] is marker
  `);
  expect(await py.value('start'), 'a freshly decorated function should have .calls == 0').toBe(0);
  expect(
    await py.value('first[0] == "ok" and first[1][1] == [1, 5, [6], "+", {"colour": "red"}]'),
    `build(1, 5, 6, sep="+", colour="red") should pass every positional and keyword argument to the function, but ` +
      `it gave ${await py.value<string>('repr(first[1])')}. __call__ should call fn(*args, **kwargs).`,
  ).toBe(true);
  expect(await py.value('same_object'), '__call__ should return exactly the object the function returned').toBe(true);
  expect(
    await py.value('build.calls'),
    `after two calls, build.calls should be 2, but it is ${await py.value<string>('repr(getattr(build, "calls", "missing"))')}`,
  ).toBe(2);
});

test('CountCalls keeps the function\'s __name__ and __doc__', async () => {
  await py.exec(`
    def original(x):
        """Return x unchanged."""
        return x

    counted = ex.CountCalls(original)
    seen = {attr: getattr(counted, attr, "<missing>") for attr in ("__name__", "__doc__")}
  `);
  expect(
    await py.value('seen'),
    `CountCalls(original) should carry original's __name__ and __doc__, but it has ${await py.value<string>('repr(seen)')}. ` +
      'functools.update_wrapper(self, fn) in __init__ copies them onto the instance.',
  ).toEqual({ __name__: 'original', __doc__: 'Return x unchanged.' });
});

test('a call that raises is counted, and the exception propagates unchanged', async () => {
  await py.exec(`
    boom = KeyError("missing")

    @ex.CountCalls
    def fail():
        raise boom

    try:
        fail()
        raised = None
    except Exception as error:
        raised = error
  `);
  expect(
    await py.value('raised is boom'),
    `fail() raises KeyError("missing") and CountCalls should let that very exception through, but the caller ` +
      `saw ${await py.value<string>('repr(raised)')}`,
  ).toBe(true);
  const failCalls = await py.value<unknown>('fail.calls');
  expect(
    failCalls,
    `fail() was called once and raised; .calls should be 1, but it is ${JSON.stringify(failCalls)}.` +
      (failCalls === 0
        ? ' The raising call was not counted: count before calling fn (or in a finally), not after it returns.'
        : await py.value<string>('count_note(fail)')),
  ).toBe(1);
});

test('each decorated function has its own count', async () => {
  await py.exec(`
    class_before = vars(ex.CountCalls).get("calls")

    @ex.CountCalls
    def ping():
        return "ping"

    @ex.CountCalls
    def pong():
        return "pong"

    ping(); ping(); pong()
    class_after = vars(ex.CountCalls).get("calls")
  `);
  const counts = await py.value<[unknown, unknown]>('[ping.calls, pong.calls]');
  const classChanged = await py.value<boolean>('class_before != class_after');
  expect(
    counts,
    `after ping(), ping(), pong(): ping.calls and pong.calls should be 2 and 1, but they are ${JSON.stringify(counts)}. ` +
      (classChanged
        ? `CountCalls.calls, on the class itself, went from ${await py.value<string>('repr(class_before)')} to ` +
          `${await py.value<string>('repr(class_after)')}: the count is kept on the class and shared by every decorated ` +
          'function. Keep it on self (self.calls += 1).'
        : 'Each CountCalls object needs its own counter, on self.'),
  ).toEqual([2, 1]);
});

// ---- CountCalls on methods -----------------------------------------------------

test('CountCalls on a method: the instance arrives as self', async () => {
  const result = await py.value<[string, string]>('attempt(lambda: ann.greet("hi", punct="?"))');
  const hasGet = await py.value<boolean>('hasattr(ex.CountCalls, "__get__")');
  const unbound = await py.value<boolean>('isinstance(ann.greet, ex.CountCalls)');
  expect(
    result,
    `ann.greet("hi", punct="?") should return "hi, ann?", but ${result[0] === 'ok' ? `it returned ${JSON.stringify(result[1])}` : `it raised ${result[1]}`}. ` +
      (!hasGet
        ? 'CountCalls has no __get__, so ann.greet is the CountCalls object itself and ann is never passed as self: ' +
          'this is why a class-based decorator loses self. Add __get__ and bind obj there.'
        : unbound
          ? 'ann.greet returned the CountCalls object itself, unbound: through an instance (obj is not None), ' +
            '__get__ should bind obj, for example with types.MethodType(self, obj).'
          : 'Look at what CountCalls.__get__ returns through an instance.'),
  ).toEqual(['ok', 'hi, ann?']);
});

test('CountCalls on a method: each instance is bound to its own calls', async () => {
  const results = await py.value<unknown>(
    '[attempt(lambda: ann.greet("hi")), attempt(lambda: bob.greet("yo")), attempt(lambda: ann.greet("hey"))]',
  );
  expect(
    results,
    `ann.greet("hi"), bob.greet("yo"), ann.greet("hey") should each greet their own owner, but gave ${JSON.stringify(results)}. ` +
      "If a name is wrong, __get__ handed back a bound method made for another instance: bind obj on every access, " +
      'and do not keep a bound method on the CountCalls object.',
  ).toEqual([
    ['ok', 'hi, ann!'],
    ['ok', 'yo, bob!'],
    ['ok', 'hey, ann!'],
  ]);
});

test('calls through every instance add to one count, read as Account.greet.calls or ann.greet.calls', async () => {
  await py.exec(`
    for action in (lambda: ann.greet("a"), lambda: bob.greet("b"), lambda: ann.greet("c")):
        attempt(action)
    decorator = vars(Account)["greet"]
    through = {
        "decorator": attempt(lambda: decorator.calls),
        "Account.greet": attempt(lambda: Account.greet.calls),
        "ann.greet": attempt(lambda: ann.greet.calls),
        "bob.greet": attempt(lambda: bob.greet.calls),
    }
    bound = attempt(lambda: ann.greet)[1]
    bound_kind = kind(bound)
    bound_func = getattr(bound, "__func__", None)
    bound_is_call_method = isinstance(bound_func, types.MethodType) and bound_func.__self__ is decorator
    skips_counter = isinstance(bound_func, types.FunctionType) and bound_func.__name__ == "greet"
  `);
  const through = await py.value<Record<string, [string, unknown]>>('through');
  const counted = through.decorator;
  const note = await py.value<string>('count_note(decorator)');
  let why = note
    ? ''
    : 'Each call made through an instance should pass through CountCalls.__call__ once and add to this one ' +
      'count: look at what __get__ returns, and at where __call__ counts.';
  if (await py.value<boolean>('bound_is_call_method'))
    why =
      "ann.greet is bound to self.__call__, which is itself a bound method: attribute reads such as .calls then " +
      'fall through to the plain function CountCalls.__call__, not to the CountCalls object. Bind self instead.';
  else if (await py.value<boolean>('skips_counter'))
    why =
      'ann.greet is bound to the original function, not to the CountCalls object, so calls through instances skip ' +
      "the counter: bind the CountCalls object itself (MethodType(self, obj)), not fn.";
  else if (await py.value<boolean>('isinstance(bound_func, ex.CountCalls) and bound_func is not decorator'))
    why =
      'ann.greet is bound to a different CountCalls object than the one in the class: __get__ wraps the function ' +
      'again on every access, so each call is counted somewhere that is thrown away. Bind self.';
  expect(
    counted,
    `ann.greet, bob.greet, then ann.greet again: the CountCalls object in Account.__dict__ should count 3 calls, but ` +
      `reading its .calls gave ${JSON.stringify(counted)}. ${why}${note}`,
  ).toEqual(['ok', 3]);
  const boundToCall = await py.value<boolean>('bound_is_call_method');
  for (const where of ['Account.greet', 'ann.greet', 'bob.greet']) {
    const outcome = through[where];
    expect(
      outcome,
      `${where}.calls should read the same count, 3, but ${
        outcome?.[0] === 'ok' ? `it read ${JSON.stringify(outcome[1])}` : `it raised ${String(outcome?.[1])}`
      }. ${
        where === 'Account.greet'
          ? `Reading Account.greet ${await py.value<string>(
              '(lambda r: "gave " + r[1] if r[0] == "ok" else "raised " + r[1])(attempt(lambda: kind(Account.greet)))',
            )}`
          : `${where} is ${await py.value<string>('bound_kind')}`
      }` +
        (where === 'Account.greet'
          ? '; through the class (obj is None), __get__ should return the CountCalls object itself.'
          : boundToCall
            ? ', bound to self.__call__ (itself a bound method), so reads such as .calls fall through to the plain ' +
              'function CountCalls.__call__. Bind the CountCalls object itself.'
            : "; a bound method (types.MethodType) forwards attribute reads such as .calls to the object it wraps " +
              '(its __func__), so bind the CountCalls object itself; a functools.partial or a closure forwards nothing.'),
    ).toEqual(['ok', 3]);
  }
});

test('through the class, the method is the CountCalls object itself and takes the instance explicitly', async () => {
  await py.exec(`
    got = attempt(lambda: Account.greet)
    identical = got[0] == "ok" and got[1] is vars(Account)["greet"]
    explicit = attempt(lambda: Account.greet(ann, "hello"))
  `);
  expect(
    await py.value('identical'),
    `Account.greet should be the CountCalls object from the class body, as a plain function would be, but it ` +
      `${await py.value<string>('"raised " + got[1] if got[0] == "error" else "was " + kind(got[1])')}. ` +
      'When obj is None, __get__ should return self.',
  ).toBe(true);
  expect(
    await py.value('explicit'),
    `Account.greet(ann, "hello") should work like calling a plain function through the class, with ann passed ` +
      `explicitly as self, but gave ${await py.value<string>('repr(explicit)')}`,
  ).toEqual(['ok', 'hello, ann!']);
  const classCalls = await py.value<unknown>('vars(Account)["greet"].calls');
  expect(
    classCalls,
    `that call through the class counts too: Account.greet.calls should be 1, but it is ${JSON.stringify(classCalls)}.` +
      (await py.value<string>('count_note(vars(Account)["greet"])')),
  ).toBe(1);
});

test('CountCalls reached through the class keeps __name__ and __doc__', async () => {
  const seen = await py.value<[string, unknown]>('attempt(lambda: (Account.greet.__name__, Account.greet.__doc__))');
  expect(
    seen,
    `Account.greet.__name__ and __doc__ should be "greet" and "Greet the owner.", but gave ${JSON.stringify(seen)}`,
  ).toEqual(['ok', ['greet', 'Greet the owner.']]);
});

test('keyword arguments reach a decorated method', async () => {
  expect(
    await py.value('attempt(lambda: ann.greet(greeting="hey", punct="."))'),
    'ann.greet(greeting="hey", punct=".") should pass both keywords through to greet',
  ).toEqual(['ok', 'hey, ann.']);
});
