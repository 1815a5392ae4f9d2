import { expect, test } from 'vitest';
import { expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

/**
 * Define `publish`, protected by @requires_role("editor"), which records each
 * time its body runs in `ran`, and a few users.
 */
async function definePublish(): Promise<void> {
  await py.exec(`
    ran = []

    @ex.requires_role("editor")
    def publish(post_id, title="untitled", *, user, notify=False):
        """Publish a post."""
        ran.append(post_id)
        return [post_id, title, user.name, notify]

    editor = ex.User("eve", frozenset({"viewer", "editor", "auditor"}))
    viewer = ex.User("vic", frozenset({"viewer"}))
  `);
}

test('lets a user with the role through, passing every argument on and returning the result', async () => {
  await definePublish();
  const { value } = await py.eval('publish(7, "hello", user=editor, notify=True)');
  expect(
    value,
    'publish(7, "hello", user=editor, notify=True) should run with all its arguments, `user` included, ' +
      'and return what publish returned. Call fn(*args, **kwargs) without removing anything.',
  ).toEqual([7, 'hello', 'eve', true]);
  expect(await py.value('ran'), 'the protected function should have run once').toEqual([7]);
});

test('refuses a user without the role with Forbidden, before the function runs', async () => {
  await definePublish();
  await expectRaises(py.eval('publish(8, user=viewer)'), 'Forbidden', 'the viewer does not have the "editor" role');
  expect(
    await py.value('ran'),
    'the protected function must not run at all for a refused caller: check the role first, then call',
  ).toEqual([]);
});

test('the Forbidden message names the missing role', async () => {
  await py.exec(`
    @ex.requires_role("billing")
    def refund(order_id, *, user):
        return order_id
  `);
  const error = await expectRaises(
    py.eval('refund(3, user=ex.User("vic", frozenset({"viewer"})))'),
    'Forbidden',
    'vic lacks the "billing" role',
  );
  expect(error.pyMessage, 'the message should say which role was needed, e.g. with {role!r}').toContain('billing');
});

test('fails closed: no user, user=None, or a user without roles is refused with Forbidden', async () => {
  await definePublish();
  await expectRaises(
    py.eval('publish(9)'),
    'Forbidden',
    'a call without a user keyword must be refused (a KeyError here comes from kwargs["user"]; kwargs.get gives None instead)',
  );
  await expectRaises(py.eval('publish(10, user=None)'), 'Forbidden', 'user=None has no roles at all');
  await expectRaises(
    py.eval('publish(11, user=object())'),
    'Forbidden',
    'an object without a `roles` attribute has no roles (an AttributeError here comes from reading .roles directly; getattr with a default avoids it)',
  );
  expect(await py.value('ran'), 'none of the refused calls may run the protected function').toEqual([]);
});

test('matches role names by value, also when they are built at run time', async () => {
  await py.exec(`
    parts = ["team", "lead"]
    # Neither name is a literal, so neither is interned: they are equal but distinct objects.
    needed = "-".join(parts)
    granted = "-".join(parts)
    same_object = needed is granted

    @ex.requires_role(needed)
    def approve(request_id, *, user):
        return "approved"

    lead = ex.User("lee", frozenset({granted}))
  `);
  let outcome: string;
  try {
    outcome = String(await py.value('approve(5, user=lead)'));
  } catch (error) {
    outcome = `raised ${(error as { pyType?: string }).pyType ?? String(error)}`;
  }
  const sameObject = await py.value<boolean>('same_object');
  expect(
    outcome,
    `the user has the role "team-lead" and approve requires "team-lead" (both names built with "-".join, so ${
      sameObject ? 'here they happen to be one object' : 'they are equal but distinct str objects'
    }), yet approve(5, user=lead) ${outcome}. ` +
      'Compare role names by value (==, or `in` on the collection); `is` compares identity, which only literal, interned strings share.',
  ).toBe('approved');
});

test('fails closed on a roles that is a plain string: no role is granted by substring', async () => {
  await py.exec(`
    ran = []

    @ex.requires_role("admin")
    def wipe(disk, *, user):
        ran.append(disk)
        return "wiped"

    class LegacyUser:
        """An old user record that stores its role as one string."""
        def __init__(self, name, roles):
            self.name = name
            self.roles = roles
  `);
  for (const roles of ['administrator', 'admin']) {
    await expectRaises(
      py.eval(`wipe("sda", user=LegacyUser("old", ${JSON.stringify(roles)}))`),
      'Forbidden',
      `this user's roles is the plain string ${JSON.stringify(roles)}, not a collection of role names, and failing closed means refusing it. ` +
        `\`"admin" in ${JSON.stringify(roles)}\` is True because \`in\` on a str is a substring test: check that roles is not a str before searching it`,
    );
  }
  expect(await py.value('ran'), 'wipe must not run for a user whose roles is a plain string').toEqual([]);
});

test('each decorated function checks its own role', async () => {
  await py.exec(`
    @ex.requires_role("admin")
    def reset_password(user_id, *, user):
        return "reset"

    @ex.requires_role("billing")
    def issue_invoice(order_id, *, user):
        return "invoiced"

    accountant = ex.User("ann", frozenset({"billing"}))
  `);
  expect(await py.value('issue_invoice(1, user=accountant)'), 'a billing user may call the "billing" function').toBe(
    'invoiced',
  );
  await expectRaises(
    py.eval('reset_password(1, user=accountant)'),
    'Forbidden',
    'reset_password needs "admin", and each decorator must keep the role it was given (in its closure)',
  );
});

test('decides on every call, for whoever is calling', async () => {
  const { stdout } = await py.exec(`
    ran = []

    @ex.requires_role("ops")
    def restart(service, *, user):
        ran.append(user.name)
        return f"{service} restarted"
  `);
  expect(stdout, 'decorating should not print anything').toBe('');
  expect(await py.value('ran'), 'decorating must not call the function').toEqual([]);
  const ops = 'ex.User("olga", frozenset({"ops"}))';
  const dev = 'ex.User("dan", frozenset({"dev"}))';
  expect(await py.value(`restart("db", user=${ops})`), 'olga has "ops", so restart should run').toBe('db restarted');
  await expectRaises(py.eval(`restart("db", user=${dev})`), 'Forbidden', 'dan lacks "ops", even after olga was let in');
  expect(
    await py.value(`restart("cache", user=${ops})`),
    'olga is still allowed after dan was refused: decide afresh on every call',
  ).toBe('cache restarted');
  expect(await py.value('ran'), 'only the two calls by olga should have run').toEqual(['olga', 'olga']);
});

test('errors raised by the protected function reach the caller unchanged', async () => {
  await py.exec(`
    @ex.requires_role("admin")
    def drop_table(name, *, user):
        raise ValueError(f"no table {name}")
  `);
  const error = await expectRaises(
    py.eval('drop_table("users", user=ex.User("root", frozenset({"admin"})))'),
    'ValueError',
    'the caller is allowed, so the function ran and its own error must not be caught or turned into Forbidden',
  );
  expect(error.pyMessage, 'the original ValueError, message and all').toBe('no table users');
});

test('keeps the name, docstring and signature of the function it protects', async () => {
  await py.exec(`
    def archive(board_id: int, *, user: ex.User) -> str:
        """Archive a board."""
        return "archived"

    archived = ex.requires_role("admin")(archive)
  `);
  const problems = await py.metadataProblems('archive', 'archived');
  expect(
    problems,
    `the protected function should still look like archive, but: ${problems.join('; ')}. ` +
      'Decorate the wrapper with @functools.wraps(fn).',
  ).toEqual([]);
});

test('delete_account is protected: only admins may call it', async () => {
  expect(
    await py.value('ex.delete_account(42, user=ex.User("root", frozenset({"admin"})))'),
    'an admin may delete an account',
  ).toBe('account 42 deleted by root');
  await expectRaises(
    py.eval('ex.delete_account(42, user=ex.User("vic", frozenset({"viewer"})))'),
    'Forbidden',
    'delete_account carries @requires_role("admin"), and a viewer is not an admin',
  );
});
