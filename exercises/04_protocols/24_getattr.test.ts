import { beforeEach, expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// Every test starts from a fresh `data` dict and `cfg = ex.Config(data)`.
// `attempt(fn)` runs fn() and describes what happened as a dict: the value's
// repr and type name, or the exception raised and its message. It runs with a
// low recursion limit, so an endless __getattr__ fails fast (and safely on the
// embedded engine) with RecursionError.
beforeEach(async () => {
  await py.exec(`
    import copy
    import pickle
    import sys

    def make_data():
        return {
            "host": "localhost",
            "port": 5432,
            "debug": False,
            "retries": 0,
            "timeout": None,
            "tags": ["web", "eu"],
            "database": {
                "url": "postgres://db",
                "pool": {"size": 8, "overflow": 2},
                "replicas": ["r1", "r2"],
            },
            "services": [{"name": "api"}, {"name": "worker"}],
        }

    data = make_data()
    cfg = ex.Config(data)

    def attempt(fn):
        depth, frame = 0, sys._getframe()
        while frame is not None:
            depth, frame = depth + 1, frame.f_back
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(depth + 250)
        try:
            value = fn()
        except RecursionError:
            return {"raised": "RecursionError", "message": "maximum recursion depth exceeded"}
        except Exception as exc:
            return {"raised": type(exc).__name__, "message": str(exc)}
        finally:
            sys.setrecursionlimit(old_limit)
        return {"value": repr(value), "type": type(value).__name__}
  `);
});

interface Attempt {
  value?: string;
  type?: string;
  raised?: string;
  message?: string;
}

/** How an attempt went, in words, for messages. */
function told(a: Attempt): string {
  return a.raised !== undefined ? `raised ${a.raised}: ${a.message}` : `returned ${a.value}`;
}

/** What the probe on an instance built without __init__ showed, when it is not the expected False. */
function bareNote(bare: Attempt): string {
  if (bare.value === 'False') return '';
  return (
    `. On a Config made by Config.__new__ (no __init__, as copy and pickle make them), hasattr(obj, "__setstate__") ` +
    `${told(bare)}: on such an object, any lookup must end in AttributeError`
  );
}

const RECURSION_TRAP =
  'copy and pickle build the new object with Config.__new__, without running __init__, and then look up ' +
  'attributes such as __setstate__ on it. On that object _data does not exist yet, so `self._data` inside ' +
  '__getattr__ calls __getattr__ again, forever. Read the data with vars(self) (or object.__getattribute__), ' +
  'or raise AttributeError at once for names like _data and dunders.';

test('cfg.key reads data["key"], falsy values and None included', async () => {
  const seen = await py.value<Record<string, Attempt>>(`{
    name: attempt(lambda: getattr(cfg, name)) for name in ("host", "port", "debug", "retries", "timeout")
  }`);
  const expected: Record<string, string> = {
    host: "'localhost'",
    port: '5432',
    debug: 'False',
    retries: '0',
    timeout: 'None',
  };
  for (const [name, repr] of Object.entries(expected)) {
    const got = seen[name]!;
    let why = '';
    if (got.raised === 'AttributeError' && ['False', '0', 'None'].includes(repr))
      why = ` The key exists; its value is just ${repr}. Tell "missing" from "falsy" with \`in\` or try/except KeyError, not with \`if not value\` or \`is None\`.`;
    expect(got.value, `cfg.${name} should return ${repr} (data["${name}"]), but it ${told(got)}.${why}`).toBe(repr);
  }
});

test('a nested dict comes back as a Config, so dots chain', async () => {
  const seen = await py.value<Record<string, Attempt>>(`{
    "database": attempt(lambda: cfg.database),
    "url": attempt(lambda: cfg.database.url),
    "size": attempt(lambda: cfg.database.pool.size),
  }`);
  expect(
    seen.database!.type,
    `cfg.database should be a Config wrapping data["database"], but it ${told(seen.database!)}` +
      (seen.database!.type !== undefined ? ` (a ${seen.database!.type})` : '') +
      '. Wrap dict values in Config before returning them.',
  ).toBe('Config');
  expect(seen.url!.value, `cfg.database.url should be 'postgres://db', but it ${told(seen.url!)}`).toBe("'postgres://db'");
  expect(seen.size!.value, `cfg.database.pool.size (two levels down) should be 8, but it ${told(seen.size!)}`).toBe('8');
});

test('values that are not dicts, lists of dicts included, come back as they are', async () => {
  const seen = await py.value<Record<string, Attempt>>(`{
    "tags": attempt(lambda: cfg.tags),
    "tags_same": attempt(lambda: cfg.tags is data["tags"]),
    "services": attempt(lambda: [type(cfg.services).__name__, *(type(item).__name__ for item in cfg.services)]),
    "services_same": attempt(lambda: cfg.services is data["services"]),
  }`);
  expect(
    seen.tags_same!.value,
    `cfg.tags should be the very list stored in data["tags"], not a copy or a conversion, but cfg.tags ${told(seen.tags!)}` +
      (seen.tags!.raised === undefined ? ', and it is not the same object' : ''),
  ).toBe('True');
  expect(
    seen.services_same!.value,
    'cfg.services (a list of dicts) should come back as it is, the very list in data["services"]: only dict ' +
      `values are wrapped. The types of the list and its items came out as: ${told(seen.services!)}.`,
  ).toBe('True');
});

test('a missing key raises AttributeError naming the key', async () => {
  const seen = await py.value<Record<string, Attempt>>(`{
    "top": attempt(lambda: cfg.hostname),
    "nested": attempt(lambda: cfg.database.pasword),
  }`);
  for (const [expr, key, got] of [
    ['cfg.hostname', 'hostname', seen.top!],
    ['cfg.database.pasword', 'pasword', seen.nested!],
  ] as const) {
    let why = '';
    if (got.raised === 'KeyError') why = ' A KeyError escaping __getattr__ breaks hasattr and getattr(obj, name, default): catch it and raise AttributeError.';
    else if (got.raised === undefined) why = ' A missing key must be an error, not a value: Python has no `undefined`, and no zero value either.';
    expect(got.raised, `${expr} should raise AttributeError, but it ${told(got)}.${why}`).toBe('AttributeError');
    expect(
      got.message ?? '',
      `the AttributeError for ${expr} should name the missing key "${key}" so the typo is easy to find, but its message is ${JSON.stringify(got.message)}`,
    ).toContain(key);
  }
});

test('hasattr and getattr with a default work, because a missing key is an AttributeError', async () => {
  const seen = await py.value<Record<string, Attempt>>(`{
    "has_missing": attempt(lambda: hasattr(cfg, "hostname")),
    "has_present": attempt(lambda: hasattr(cfg, "port")),
    "has_nested": attempt(lambda: hasattr(cfg.database, "url")),
    "default": attempt(lambda: getattr(cfg, "hostname", "fallback")),
    "missing_value": attempt(lambda: cfg.hostname),
  }`);
  const missing = seen.missing_value!;
  let why = '';
  if (seen.has_missing!.raised === 'KeyError')
    why = ' hasattr only swallows AttributeError; your __getattr__ let a KeyError out.';
  else if (seen.has_missing!.value === 'True')
    why = ` It was True because cfg.hostname ${told(missing)} instead of raising AttributeError; hasattr can only be False when the lookup raises.`;
  expect(
    seen.has_missing!.value,
    `hasattr(cfg, "hostname") should be False (there is no such key), but it ${told(seen.has_missing!)}.${why}`,
  ).toBe('False');
  expect(seen.has_present!.value, `hasattr(cfg, "port") should be True, but it ${told(seen.has_present!)}`).toBe('True');
  expect(
    seen.has_nested!.value,
    `hasattr(cfg.database, "url") should be True, but it ${told(seen.has_nested!)}`,
  ).toBe('True');
  expect(
    seen.default!.value,
    `getattr(cfg, "hostname", "fallback") should return 'fallback', but it ${told(seen.default!)}. ` +
      'getattr uses its default only when the lookup raises AttributeError.',
  ).toBe("'fallback'");
});

test('to_dict is always the method, even when the data has a "to_dict" key', async () => {
  await py.exec(`
    clashing = {"to_dict": "from the data", "region": "eu"}
    shadow_cfg = ex.Config(clashing)
  `);
  const seen = await py.value<Record<string, Attempt>>(`{
    "attr": attempt(lambda: shadow_cfg.to_dict),
    "call": attempt(lambda: shadow_cfg.to_dict() == {"to_dict": "from the data", "region": "eu"}),
    "region": attempt(lambda: shadow_cfg.region),
  }`);
  expect(
    seen.attr!.type,
    `with data {"to_dict": "from the data", ...}, cfg.to_dict should still be the bound method, but it ${told(seen.attr!)}. ` +
      'The data answered first: __getattr__ is only asked after normal lookup fails, so methods always win; ' +
      '__getattribute__ (or a lookup that tries the data first) hides them.',
  ).toBe('method');
  expect(seen.call!.value, `shadow_cfg.to_dict() should return the whole data, but it ${told(seen.call!)}`).toBe('True');
  expect(seen.region!.value, `other keys still read as usual: shadow_cfg.region ${told(seen.region!)}`).toBe("'eu'");
});

test('to_dict returns a new plain dict with the same keys and values', async () => {
  await py.exec(`
    result = cfg.to_dict()
    result_type = type(result).__name__
    equal = result == make_data()
    same_object = result is data
    if isinstance(result, dict):
        result["port"] = 1
    port_after = attempt(lambda: cfg.port)
  `);
  const seen = await py.value<{ result_type: string; equal: boolean; same_object: boolean; port_after: Attempt }>(
    '{"result_type": result_type, "equal": equal, "same_object": same_object, "port_after": port_after}',
  );
  expect(seen.result_type, `cfg.to_dict() should return a dict, but returned a ${seen.result_type}`).toBe('dict');
  expect(seen.equal, 'cfg.to_dict() should equal the data the Config was made from, every key and value').toBe(true);
  expect(
    seen.same_object || seen.port_after.value !== '5432',
    `changing the dict that to_dict() returned changed the config: cfg.port then ${told(seen.port_after)}. ` +
      'to_dict() should hand out a new dict (dict(...) of the data), not the one the Config reads from.',
  ).toBe(false);
});

test('Config reads the dict it was given, so later changes to it show through', async () => {
  await py.exec(`
    data["port"] = 6543
    data["region"] = "eu"
    data["database"]["url"] = "postgres://other"
  `);
  const seen = await py.value<Record<string, Attempt>>(`{
    "port": attempt(lambda: cfg.port),
    "region": attempt(lambda: cfg.region),
    "url": attempt(lambda: cfg.database.url),
  }`);
  expect(
    [seen.port!.value, seen.region!.value, seen.url!.value],
    'after data["port"] = 6543, data["region"] = "eu" and data["database"]["url"] = "postgres://other", the config ' +
      `should show them, but cfg.port ${told(seen.port!)}, cfg.region ${told(seen.region!)} and cfg.database.url ` +
      `${told(seen.url!)}.` +
      (seen.port!.value === '5432' || (seen.port!.raised === undefined && seen.region!.raised === 'AttributeError')
        ? ' Keep the dict you were given (and wrap the nested ones as they are) instead of copying it.'
        : ''),
  ).toEqual(['6543', "'eu'", "'postgres://other'"]);
});

test('copy.copy works (no RecursionError) and the copy reads the same values', async () => {
  const seen = await py.value<Record<string, Attempt>>(`{
    "copy": attempt(lambda: copy.copy(cfg)),
    "read": attempt(lambda: (lambda c: (c.host, c.database.url, c.tags))(copy.copy(cfg))),
    "missing": attempt(lambda: copy.copy(cfg).hostname),
    "bare": attempt(lambda: hasattr(ex.Config.__new__(ex.Config), "__setstate__")),
  }`);
  const recursion = seen.copy!.raised === 'RecursionError' || seen.bare!.raised === 'RecursionError';
  expect(
    seen.copy!.type,
    `copy.copy(cfg) should return a Config, but it ${told(seen.copy!)}. ` +
      (recursion
        ? `On a Config made by Config.__new__ (no __init__), hasattr(obj, "__setstate__") ${told(seen.bare!)}: ${RECURSION_TRAP}`
        : `Look at what your __getattr__ does with names that copy looks up, such as __setstate__ and __deepcopy__${bareNote(seen.bare!)}.`),
  ).toBe('Config');
  expect(
    seen.read!.value,
    `the copy should read host, database.url and tags like the original, but reading them ${told(seen.read!)}`,
  ).toBe("('localhost', 'postgres://db', ['web', 'eu'])");
  expect(
    seen.missing!.raised,
    `on the copy, a missing key should still raise AttributeError, but copy.copy(cfg).hostname ${told(seen.missing!)}`,
  ).toBe('AttributeError');
});

test('copy.deepcopy gives a fully independent copy', async () => {
  await py.exec(`
    deep = attempt(lambda: copy.deepcopy(cfg))
    bare = attempt(lambda: hasattr(ex.Config.__new__(ex.Config), "__setstate__"))
    twin = copy.deepcopy(cfg) if deep.get("type") == "Config" else None

    def change_both():
        twin.database.replicas.append("r3")
        data["tags"].append("us")
        return list(twin.tags)

    twin_tags = attempt(change_both) if twin is not None else {}
    original_replicas = data["database"]["replicas"]
  `);
  const seen = await py.value<{ deep: Attempt; bare: Attempt; original_replicas: string[]; twin_tags: Attempt }>(
    '{"deep": deep, "bare": bare, "original_replicas": original_replicas, "twin_tags": twin_tags}',
  );
  const recursion = seen.deep.raised === 'RecursionError' || seen.bare.raised === 'RecursionError';
  expect(
    seen.deep.type,
    `copy.deepcopy(cfg) should return a Config, but it ${told(seen.deep)}. ` +
      (recursion
        ? `On a Config made by Config.__new__ (no __init__), hasattr(obj, "__setstate__") ${told(seen.bare)}: ${RECURSION_TRAP}`
        : 'deepcopy first asks the object for __deepcopy__ (through getattr, so your __getattr__ sees that name): ' +
          `a name like that must raise AttributeError, not come back as a value${bareNote(seen.bare)}.`),
  ).toBe('Config');
  expect(
    seen.original_replicas,
    'appending to the deep copy’s database.replicas must not touch the original data, but data["database"]["replicas"] ' +
      `is now ${JSON.stringify(seen.original_replicas)}. A deep copy copies the nested dicts and lists too: let ` +
      'copy.deepcopy do its default work on the instance dict (or deep-copy the data in __deepcopy__).',
  ).toEqual(['r1', 'r2']);
  expect(
    seen.twin_tags.value,
    `appending "us" to the original data["tags"] must not show in the deep copy, but reading its tags ${told(seen.twin_tags)}`,
  ).toBe("['web', 'eu']");
});

test('pickle round-trips a Config', async () => {
  await py.exec(`
    dumped = attempt(lambda: len(pickle.dumps(cfg)) > 0)
    loaded = attempt(lambda: pickle.loads(pickle.dumps(cfg)))
    bare = attempt(lambda: hasattr(ex.Config.__new__(ex.Config), "__setstate__"))
    if loaded.get("type") == "Config":
        restored = pickle.loads(pickle.dumps(cfg))
        read = attempt(lambda: (restored.host, restored.database.pool.size, restored.to_dict() == make_data()))
        missing = attempt(lambda: restored.hostname)
  `);
  const seen = await py.value<{ dumped: Attempt; loaded: Attempt; bare: Attempt; read?: Attempt; missing?: Attempt }>(
    '{"dumped": dumped, "loaded": loaded, "bare": bare, **({"read": read, "missing": missing} if "restored" in globals() else {})}',
  );
  const recursion = [seen.dumped, seen.loaded, seen.bare].some((a) => a.raised === 'RecursionError');
  expect(
    seen.loaded.type,
    `pickle.loads(pickle.dumps(cfg)) should give back a Config, but ` +
      (seen.dumped.raised !== undefined ? `pickle.dumps(cfg) ${told(seen.dumped)}. ` : `the round trip ${told(seen.loaded)}. `) +
      (recursion
        ? `On a Config made by Config.__new__ (no __init__), hasattr(obj, "__setstate__") ${told(seen.bare)}: ${RECURSION_TRAP}`
        : 'pickle looks up hooks such as __reduce_ex__, __getstate__ and __setstate__: a name like that must raise ' +
          `AttributeError in __getattr__ unless you really define it${bareNote(seen.bare)}.`),
  ).toBe('Config');
  expect(
    seen.read?.value,
    `the unpickled config should read host, database.pool.size and to_dict() like the original, but reading them ${told(seen.read ?? {})}`,
  ).toBe("('localhost', 8, True)");
  expect(
    seen.missing?.raised,
    `on the unpickled config a missing key should still raise AttributeError, but .hostname ${told(seen.missing ?? {})}`,
  ).toBe('AttributeError');
});
