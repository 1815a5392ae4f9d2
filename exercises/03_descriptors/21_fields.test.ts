import { beforeEach, expect, test } from 'vitest';
import { expectRaises, snippetReport, typecheck, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// Helpers the tests use to look at the learner's objects and say *why* something
// went wrong, when that can be seen from outside.
beforeEach(async () => {
  await py.exec(`
    def outcome(action):
        """What calling action() did: 'ok: <repr>' or '<ExceptionType>: <message>'."""
        try:
            return f"ok: {action()!r}"
        except Exception as error:
            return f"{type(error).__name__}: {error}"

    def descriptor_holding(cls, attr, value):
        """True when the descriptor cls.__dict__[attr] keeps value in its own attributes."""
        descriptor = cls.__dict__.get(attr)
        try:
            held = vars(descriptor).values()
        except TypeError:
            return False
        return any(v is value or (isinstance(v, dict) and value in v.values()) for v in held)

    def base_lists_holding(*names):
        """Attributes of ex.Model itself whose collection mentions every one of names."""
        found = []
        for attr, held in vars(ex.Model).items():
            if isinstance(held, dict):
                keys = {str(k) for k in held} | {getattr(v, "name", None) for v in held.values()}
            elif isinstance(held, (list, tuple, set)):
                keys = {str(k) for k in held} | {getattr(v, "name", None) for v in held}
            else:
                continue
            if all(name in keys for name in names):
                found.append(attr)
        return found

    class Person(ex.Model):
        name: ex.String = ex.String(max_len=5)
        age: ex.Integer = ex.Integer(min=0, max=150)
  `);
});

// ---- the fields ----------------------------------------------------------------

test('a field gives back the value that was set, on construction and after an assignment', async () => {
  await py.exec(`
    ada = Person(name="Ada", age=36)
    first = (ada.name, ada.age)
    ada.age = 37
    ada.name = "Ada L"
    second = (ada.name, ada.age)
  `);
  expect(
    await py.value('first'),
    'Person(name="Ada", age=36) should read back as name "Ada" and age 36: __get__ returns what __set__ stored for that instance',
  ).toEqual(['Ada', 36]);
  expect(await py.value('second'), 'after `ada.age = 37; ada.name = "Ada L"` the reads should give the new values').toEqual([
    'Ada L',
    37,
  ]);
});

test('each instance keeps its own values', async () => {
  await py.exec(`
    ada = Person(name="Ada", age=36)
    bob = Person(name="Bob", age=40)
    bob.age = 41
  `);
  const seen = await py.value<[string, number]>('[ada.name, ada.age]');
  const onDescriptor =
    (await py.value<boolean>('descriptor_holding(Person, "name", "Bob")')) ||
    (await py.value<boolean>('descriptor_holding(Person, "age", 41)'));
  expect(
    seen,
    `after creating bob = Person(name="Bob", age=40) and setting bob.age = 41, ada should still be ("Ada", 36), but she reads ` +
      `(${JSON.stringify(seen[0])}, ${seen[1]}). ` +
      (onDescriptor
        ? "The descriptor object itself holds bob's values: there is one descriptor per class, shared by every " +
          "instance, so a value kept on it (self.value = ...) is everyone's value. Store it on obj instead " +
          '(obj.__dict__[name], or a private attribute of obj).'
        : 'Each instance needs its own storage: keep the value on obj (the instance passed to __set__), not on the ' +
          'descriptor or the class.'),
  ).toEqual(['Ada', 36]);
});

test('reading a field on the class gives the descriptor itself', async () => {
  const result = await py.value<string>('outcome(lambda: type(Person.age).__name__ + "/" + type(Person.name).__name__)');
  expect(
    result,
    `Person.age and Person.name (read on the class, where __get__ gets obj=None) should return the Integer and ` +
      `String descriptors themselves; got ${result}. In __get__, return self when obj is None.`,
  ).toBe("ok: 'Integer/String'");
});

test('String rejects anything but a str with a TypeError naming the field', async () => {
  for (const bad of ['42', 'b"Ada"', 'None', '["Ada"]']) {
    const error = await expectRaises(
      py.exec(`Person(name=${bad}, age=36)`),
      'TypeError',
      `name is a String field and ${bad} is not a str (checked in __set__, which __init__ goes through)`,
    );
    expect(error.pyMessage, `the TypeError for name=${bad} should name the field "name"; it said: ${error.pyMessage}`).toContain(
      'name',
    );
  }
  await py.exec('ada = Person(name="Ada", age=36)');
  await expectRaises(py.exec('ada.name = 7'), 'TypeError', '`ada.name = 7` assigns an int to a String field');
});

test('String accepts exactly max_len characters and rejects one more with a ValueError naming the field', async () => {
  const atLimit = await py.value<string>('outcome(lambda: Person(name="Grace", age=36).name)');
  expect(
    atLimit,
    `name = String(max_len=5) must accept "Grace" (5 characters: the limit is inclusive); got ${atLimit}. Compare with > , not >=.`,
  ).toBe("ok: 'Grace'");
  const empty = await py.value<string>('outcome(lambda: Person(name="", age=36).name)');
  expect(empty, `an empty string is within max_len and must be accepted; got ${empty}`).toBe("ok: ''");
  const error = await expectRaises(
    py.exec('Person(name="Graces", age=36)'),
    'ValueError',
    '"Graces" has 6 characters and name = String(max_len=5) allows at most 5',
  );
  expect(
    error.pyMessage,
    `the ValueError should name the field "name" and its limit 5; it said: ${error.pyMessage}`,
  ).toMatch(/name[\s\S]*5|5[\s\S]*name/);
});

test('Integer rejects a float, a str and a bool with a TypeError naming the field', async () => {
  for (const bad of ['36.0', '"36"', 'True', 'False', 'None']) {
    const error = await expectRaises(
      py.exec(`Person(name="Ada", age=${bad})`),
      'TypeError',
      `age is an Integer field and ${bad} is not an int` +
        (bad === 'True' || bad === 'False'
          ? ' as this exercise defines it: bool is a subclass of int in Python, so isinstance(True, int) is True; ' +
            'reject bool explicitly'
          : ''),
    );
    expect(error.pyMessage, `the TypeError for age=${bad} should name the field "age"; it said: ${error.pyMessage}`).toContain(
      'age',
    );
  }
});

test('Integer accepts min and max themselves and rejects one beyond either end with a ValueError naming the field', async () => {
  for (const ok of [0, 150]) {
    const result = await py.value<string>(`outcome(lambda: Person(name="Ada", age=${ok}).age)`);
    expect(
      result,
      `age = Integer(min=0, max=150) must accept ${ok}: both bounds are allowed (min <= value <= max); got ${result}`,
    ).toBe(`ok: ${ok}`);
  }
  for (const [bad, bound] of [
    [-1, '0'],
    [151, '150'],
  ] as const) {
    const error = await expectRaises(
      py.exec(`Person(name="Ada", age=${bad})`),
      'ValueError',
      `${bad} is outside age = Integer(min=0, max=150)`,
    );
    expect(
      error.pyMessage.includes('age') && error.pyMessage.includes(bound),
      `the ValueError for age=${bad} should name the field "age" and the bound ${bound}; it said: ${error.pyMessage}`,
    ).toBe(true);
  }
});

test('every later assignment is validated too, and a rejected value leaves the old one', async () => {
  await py.exec('ada = Person(name="Ada", age=36)');
  const tooOld = await py.value<string>('outcome(lambda: setattr(ada, "age", 200))');
  const hasSet = await py.value<boolean>('hasattr(type(Person.__dict__["age"]), "__set__")');
  expect(
    tooOld,
    `\`ada.age = 200\` after construction should raise ValueError, like the same value in __init__; got ${tooOld}. ` +
      (hasSet
        ? 'The field has a __set__, but it did not check this assignment: validate there, not (only) in __init__.'
        : 'The field class has no __set__, so the assignment simply wrote the instance dict: define __set__ and ' +
          'validate in it, so that __init__ and every later assignment are checked alike.'),
  ).toMatch(/^ValueError/);
  const wrongType = await py.value<string>('outcome(lambda: setattr(ada, "age", "old"))');
  expect(wrongType, `\`ada.age = "old"\` should raise TypeError; got ${wrongType}`).toMatch(/^TypeError/);
  const tooLong = await py.value<string>('outcome(lambda: setattr(ada, "name", "Adalovelace"))');
  expect(tooLong, `\`ada.name = "Adalovelace"\` (11 > max_len 5) should raise ValueError; got ${tooLong}`).toMatch(/^ValueError/);
  const after = await py.value('[ada.name, ada.age]');
  expect(
    after,
    'every rejected assignment must leave the previous value in place: check first, store only when the value is good',
  ).toEqual(['Ada', 36]);
});

// ---- the generated __init__ ------------------------------------------------------

test('a missing keyword is a TypeError that says it is missing and names it', async () => {
  const result = await py.value<string>('outcome(lambda: Person(name="Ada"))');
  expect(
    result,
    `Person(name="Ada") leaves out the field age, so it should raise TypeError; got ${result}. ` +
      (result.startsWith('ok')
        ? 'The missing field was filled in with something (a default or None) instead: check that every declared ' +
          'field is among the keywords.'
        : ''),
  ).toMatch(/^TypeError/);
  expect(
    result,
    `the TypeError should say that a field is missing and name it ("age"); it said: ${result}. ` +
      '(If it complains about None, the field was looked up with kwargs.get and defaulted to None before ' +
      'the check: test for missing keywords first.)',
  ).toMatch(/missing[\s\S]*age|age[\s\S]*missing/i);
  const noName = await py.value<string>('outcome(lambda: Person(age=36))');
  expect(noName, `Person(age=36) leaves out name: expected a TypeError that says so; got ${noName}`).toMatch(
    /^TypeError[\s\S]*(missing[\s\S]*name|name[\s\S]*missing)/i,
  );
});

test('an unknown keyword is a TypeError naming it', async () => {
  await py.exec('result = outcome(lambda: Person(name="Ada", age=36, email="ada@example.com"))');
  const result = await py.value<string>('result');
  expect(
    result,
    `Person(name="Ada", age=36, email=...) passes a keyword Person has no field for, so it should raise TypeError ` +
      `naming "email"; got ${result}. ` +
      (result.startsWith('ok')
        ? 'The extra keyword was accepted (dropped, or set as a plain attribute): a typo like emial= would vanish the same way. Compare the keywords with the declared fields.'
        : ''),
  ).toMatch(/^TypeError[\s\S]*email/);
  const typo = await py.value<string>('outcome(lambda: Person(name="Ada", agee=36))');
  expect(typo, `Person(name="Ada", agee=36) (a typo) should raise TypeError; got ${typo}`).toMatch(/^TypeError/);
});

test('__init__ takes keywords only: positional arguments are a TypeError', async () => {
  const result = await py.value<string>('outcome(lambda: Person("Ada", 36))');
  expect(
    result,
    `Person("Ada", 36) should raise TypeError: fields are passed by keyword only, as with @dataclass(kw_only=True); ` +
      `got ${result}. Give __init__ no positional parameters besides self (def __init__(self, **kwargs)).`,
  ).toMatch(/^TypeError/);
});

// ---- repr ---------------------------------------------------------------------

test('repr lists the fields in declaration order, whatever order the keywords came in', async () => {
  await py.exec(`
    ada = ex.User(age=36, name="Ada")
    shown = repr(ada)
  `);
  const shown = await py.value<string>('shown');
  const why =
    shown === "User(age=36, name='Ada')"
      ? ' That is the order the keywords were passed in (or alphabetical order): walk the fields as the class declares ' +
        'them, not kwargs or vars(self).'
      : '';
  expect(
    shown,
    `repr(User(age=36, name="Ada")) should be "User(name='Ada', age=36)" (class name, then each field as ` +
      `name=repr(value), in declaration order); got ${JSON.stringify(shown)}.${why}`,
  ).toBe("User(name='Ada', age=36)");
  await py.exec(`
    ada.name = "Grace"
    ada.note = "not a field"
  `);
  const later = await py.value<string>('repr(ada)');
  expect(
    later,
    `after \`ada.name = "Grace"\` and setting a non-field attribute ada.note, repr should still list exactly the ` +
      `fields, in declaration order: "User(name='Grace', age=36)"; got ${JSON.stringify(later)}`,
  ).toBe("User(name='Grace', age=36)");
});

// ---- fields per class -------------------------------------------------------------

test('two models never share fields', async () => {
  await py.exec(`
    class Book(ex.Model):
        title: ex.String = ex.String(max_len=40)

    class Room(ex.Model):
        seats: ex.Integer = ex.Integer(min=1, max=500)
  `);
  const book = await py.value<string>('outcome(lambda: Book(title="Dune"))');
  const room = await py.value<string>('outcome(lambda: Room(seats=30))');
  const shared = await py.value<string[]>('base_lists_holding("title", "seats")');
  const sharedNote =
    shared.length > 0
      ? ` Model.${shared[0]} lists the fields of both Book and Room: it is one collection on Model that every ` +
        "subclass adds to. Give each class its own (assign a new one on cls in __init_subclass__; don't append to the inherited one)."
      : ' Each model needs its own collection of fields.';
  expect(book, `Book declares only title, so Book(title="Dune") should work; got ${book}.${sharedNote}`).toBe(
    "ok: Book(title='Dune')",
  );
  expect(room, `Room declares only seats, so Room(seats=30) should work; got ${room}.${sharedNote}`).toBe('ok: Room(seats=30)');
  const crossed = await py.value<string>('outcome(lambda: Book(title="Dune", seats=30))');
  expect(crossed, `seats is Room's field, not Book's: Book(title="Dune", seats=30) should raise TypeError; got ${crossed}`).toMatch(
    /^TypeError/,
  );
});

test("a subclass keeps its parent's fields, adds its own after them, and leaves the parent alone", async () => {
  await py.exec(`
    class Admin(Person):
        level: ex.Integer = ex.Integer(min=1, max=3)
  `);
  const admin = await py.value<string>('outcome(lambda: Admin(level=2, name="Ada", age=36))');
  const shared = await py.value<string[]>('base_lists_holding("name", "level")');
  expect(
    admin,
    `Admin(Person) adds level to Person's name and age, so Admin(level=2, name="Ada", age=36) should build ` +
      `"Admin(name='Ada', age=36, level=2)" (parent's fields first); got ${admin}.` +
      (shared.length > 0 ? ` Model.${shared[0]} holds the fields of Person and Admin together: one collection shared by all models.` : ''),
  ).toBe("ok: Admin(name='Ada', age=36, level=2)");
  const missing = await py.value<string>('outcome(lambda: Admin(name="Ada", age=36))');
  expect(missing, `Admin(name="Ada", age=36) leaves out level, so it should raise TypeError; got ${missing}`).toMatch(
    /^TypeError[\s\S]*level/,
  );
  const inherited = await py.value<string>('outcome(lambda: Admin(name="Ada", age=-1, level=1))');
  expect(inherited, `the inherited age field still validates in Admin: age=-1 should raise ValueError; got ${inherited}`).toMatch(
    /^ValueError/,
  );
  const parent = await py.value<string>('outcome(lambda: Person(name="Bob", age=40))');
  expect(
    parent,
    `defining Admin must not change Person: Person(name="Bob", age=40) should still work; got ${parent}.` +
      ' Adding level to the collection Person uses (instead of to a new one for Admin) changes the parent too.',
  ).toBe("ok: Person(name='Bob', age=40)");
  const parentExtra = await py.value<string>('outcome(lambda: Person(name="Bob", age=40, level=1))');
  expect(parentExtra, `level is Admin's field, not Person's: Person(..., level=1) should raise TypeError; got ${parentExtra}`).toMatch(
    /^TypeError/,
  );
});

test('plain class attributes, annotated class variables and methods are not fields', async () => {
  await py.exec(`
    from typing import ClassVar

    class Product(ex.Model):
        table: ClassVar[str] = "products"
        currency = "EUR"
        sku: ex.String = ex.String(max_len=8)
        price: ex.Integer = ex.Integer(min=0, max=10_000)

        def label(self) -> str:
            return f"{self.sku}: {self.price} {self.currency}"
  `);
  const made = await py.value<string>('outcome(lambda: Product(sku="A-1", price=250))');
  const shared = await py.value<string[]>('base_lists_holding("sku", "name")');
  const why = /table|currency|label/.test(made)
    ? ' Some of those were taken for fields: pick the fields by their type (isinstance of your field classes), ' +
      'not "every class attribute" or "every annotation".'
    : shared.length > 0
      ? ` Model.${shared[0]} holds the fields of Product and of other models together: one collection shared by all models.`
      : '';
  expect(
    made,
    'only String and Integer attributes are fields: Product(sku="A-1", price=250) should work without table, ' +
      `currency or label, and its repr list only sku and price; got ${made}.${why}`,
  ).toBe("ok: Product(sku='A-1', price=250)");
  const label = await py.value<string>('outcome(lambda: Product(sku="A-1", price=250).label())');
  expect(label, `methods and plain class attributes keep working on a model; got ${label}`).toBe("ok: 'A-1: 250 EUR'");
});

// ---- what pyright sees -------------------------------------------------------------

const SNIPPET = `
  from typing import reveal_type

  import exercise as ex


  class Point(ex.Model):
      x: ex.Integer = ex.Integer(min=0, max=10)
      label: ex.String = ex.String(max_len=5)


  reveal_type(ex.User.__init__)  # init-signature
  ada = ex.User(name="Ada", age=36)  # correct-call
  reveal_type(ada.age)  # instance-age
  reveal_type(ada.name)  # instance-name
  reveal_type(ex.User.age)  # class-age
  ex.User(name="Ada", agee=36)  # wrong-keyword
  ex.User(name="Ada", age="36")  # wrong-type
  ex.User(name="Ada")  # missing-keyword
  ex.User("Ada", 36)  # positional
  Point(x=1, label="a")  # own-model-correct
  Point(x=1, label=2)  # own-model-wrong-type
  ada.age = "old"  # wrong-assignment
`;

async function pyright() {
  return snippetReport(await typecheck(py, SNIPPET), SNIPPET);
}

/** What Model's dataclass_transform marker says at run time, for messages. */
async function transformNote(): Promise<string> {
  const marker = await py.value<{ kw_only_default?: boolean; field_specifiers?: string[] } | null>(`
    (lambda t: None if not isinstance(t, dict) else {
        "kw_only_default": bool(t.get("kw_only_default")),
        "field_specifiers": [getattr(s, "__name__", repr(s)) for s in t.get("field_specifiers", ())],
    })(ex.Model.__dict__.get("__dataclass_transform__"))
  `);
  if (marker === null) {
    return 'Model is not marked with @typing.dataclass_transform(...), so pyright only sees Model.__init__(**kwargs) and accepts anything.';
  }
  return (
    `Model is marked with dataclass_transform(kw_only_default=${marker.kw_only_default ? 'True' : 'False'}, ` +
    `field_specifiers=(${(marker.field_specifiers ?? []).join(', ')})).`
  );
}

async function signatureNote(report: Awaited<ReturnType<typeof pyright>>): Promise<string> {
  const init = report.revealedAt('# init-signature');
  return `pyright sees User's constructor as ${init ?? '(nothing revealed)'}. ${await transformNote()}`;
}

test('pyright accepts a correct User(...) call and knows user.age is an int and user.name a str', async () => {
  const report = await pyright();
  expect(
    report.errorsAt('# correct-call'),
    `\`${report.codeAt('# correct-call')}\` is a correct call and should type-check. ${await signatureNote(report)} ` +
      report.describe(),
  ).toEqual([]);
  expect(
    [report.revealedAt('# instance-age'), report.revealedAt('# instance-name')],
    `pyright should infer ada.age as int and ada.name as str. It takes the type of an instance read from the ` +
      "descriptor's __get__: overload it (typing.overload) so that obj: None returns the descriptor and an instance " +
      `returns int (or str). ${report.describe()}`,
  ).toEqual(['int', 'str']);
});

test('pyright sees User.age on the class as the descriptor, not as an int', async () => {
  const report = await pyright();
  const revealed = report.revealedAt('# class-age');
  expect(
    revealed !== undefined && !['int', 'Any', 'Unknown'].includes(revealed) && revealed.includes('Integer'),
    `reveal_type(User.age) should show the Integer descriptor, because that is what User.age is at run time; it ` +
      `showed ${revealed ?? 'nothing'}. Overload __get__: one signature for obj: None returning Self (or Integer), ` +
      `one for an instance returning int. ${report.describe()}`,
  ).toBe(true);
});

test('pyright reports a misspelled keyword in User(...)', async () => {
  const report = await pyright();
  expect(
    report.errorsAt('# wrong-keyword').length,
    `\`${report.codeAt('# wrong-keyword')}\` misspells age, so pyright should report it. ${await signatureNote(report)} ` +
      report.describe(),
  ).toBeGreaterThan(0);
});

test('pyright reports a wrong argument type in User(...) and in a later assignment', async () => {
  const report = await pyright();
  expect(
    report.errorsAt('# wrong-type').length,
    `\`${report.codeAt('# wrong-type')}\` passes a str for an Integer field, so pyright should report it. ` +
      `${await signatureNote(report)} With dataclass_transform, pyright takes each parameter's type from the type of ` +
      "`value` in the field's __set__: annotate it as int (String: str), not object or Any. " +
      report.describe(),
  ).toBeGreaterThan(0);
  expect(
    report.errorsAt('# wrong-assignment').length,
    `\`${report.codeAt('# wrong-assignment')}\` should be reported too: pyright checks an assignment against the ` +
      `type of \`value\` in Integer.__set__. ${report.describe()}`,
  ).toBeGreaterThan(0);
});

test('pyright reports a missing keyword and positional arguments', async () => {
  const report = await pyright();
  expect(
    report.errorsAt('# missing-keyword').length,
    `\`${report.codeAt('# missing-keyword')}\` leaves out age, so pyright should report it. ${await signatureNote(report)} ` +
      'If age looks optional to pyright, it took `Integer(...)` for a default value: list String and Integer in ' +
      "dataclass_transform's field_specifiers, so it knows they declare fields (without a default). " +
      report.describe(),
  ).toBeGreaterThan(0);
  expect(
    report.errorsAt('# positional').length,
    `\`${report.codeAt('# positional')}\` passes fields by position, which the runtime rejects, so pyright should ` +
      `report it too. ${await signatureNote(report)} kw_only_default=True makes the generated parameters keyword-only. ` +
      report.describe(),
  ).toBeGreaterThan(0);
});

test('pyright checks every Model subclass, not only User', async () => {
  const report = await pyright();
  expect(
    report.errorsAt('# own-model-correct'),
    `\`${report.codeAt('# own-model-correct')}\` (Point is a Model subclass declared in the check) is correct and ` +
      `should type-check. ${await transformNote()} ${report.describe()}`,
  ).toEqual([]);
  expect(
    report.errorsAt('# own-model-wrong-type').length,
    `\`${report.codeAt('# own-model-wrong-type')}\` passes an int for a String field and should be reported: ` +
      `dataclass_transform on the base class Model covers every subclass. ${await transformNote()} ${report.describe()}`,
  ).toBeGreaterThan(0);
});

test('pyright finds no type errors in the module itself', async () => {
  const report = await pyright();
  const errors = report.moduleErrors();
  expect(
    errors.length,
    `your file should type-check, but pyright found errors in it. ${report.describe()}`,
  ).toBe(0);
});
