import { expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

interface CacheInfo {
  hits: number;
  misses: number;
  maxsize: number | null;
  currsize: number;
}

/** `fn.cache_info()` as a plain object, or null when fn has no cache_info(). */
async function cacheInfo(fn: string): Promise<CacheInfo | null> {
  return py.value<CacheInfo | null>(
    `(lambda info: None if info is None else info()._asdict())(getattr(${fn}, "cache_info", None))`,
  );
}

async function expectCacheApi(fn: string, decorator: string): Promise<void> {
  const present = await py.value<boolean>(
    `callable(getattr(${fn}, "cache_info", None)) and callable(getattr(${fn}, "cache_clear", None))`,
  );
  expect(
    present,
    `${fn.replace('ex.', '')} should have cache_info() and cache_clear(); ${decorator} adds both. ` +
      'A hand-written dict cache has neither.',
  ).toBe(true);
}

const FIB_0_TO_20 = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765];

test('fib returns the Fibonacci numbers, starting fib(0) == 0 and fib(1) == 1', async () => {
  expect(await py.value('[ex.fib(n) for n in range(21)]'), 'fib(0) through fib(20)').toEqual(FIB_0_TO_20);
});

test('fib has an unbounded cache with cache_info() and cache_clear()', async () => {
  await expectCacheApi('ex.fib', '@functools.cache');
  await py.exec('ex.fib(12); ex.fib.cache_clear()');
  const info = await cacheInfo('ex.fib');
  expect(
    info?.maxsize,
    'fib should remember every value: use functools.cache (maxsize None), not a bounded cache',
  ).toBeNull();
  expect(info?.currsize, 'right after fib.cache_clear() the cache should be empty').toBe(0);
});

test('fib computes each value once: fib(25) from an empty cache is 26 misses', async () => {
  await expectCacheApi('ex.fib', '@functools.cache');
  await py.exec('ex.fib.cache_clear()');
  expect(await py.value('ex.fib(25)'), 'fib(25)').toBe(75025);
  const info = await cacheInfo('ex.fib');
  expect(
    info?.misses,
    'fib(25) should compute fib(0) to fib(25) once each: 26 misses. Far fewer means the recursive calls skip ' +
      'the cache: they must call the decorated name `fib` (put the decorator on def fib itself).',
  ).toBe(26);
  expect(info?.currsize, 'all 26 values from fib(0) to fib(25) should be kept').toBe(26);
});

test('fib(300) is instant, and fib(301) after it computes only one new value', async () => {
  await expectCacheApi('ex.fib', '@functools.cache');
  // Check the recursion really goes through the cache before asking for fib(300),
  // which would never finish otherwise.
  await py.exec('ex.fib.cache_clear(); ex.fib(20)');
  const small = await cacheInfo('ex.fib');
  expect(small?.misses, 'fib(20) from an empty cache should be 21 misses: are the recursive calls cached?').toBe(21);
  await py.exec('ex.fib.cache_clear()');
  expect(await py.value('ex.fib(300)'), 'fib(300)').toBe(
    222232244629420445529739893461909967206666939096499764990979600n,
  );
  const before = await cacheInfo('ex.fib');
  await py.exec('ex.fib(301)');
  const after = await cacheInfo('ex.fib');
  expect(
    after!.misses - before!.misses,
    'fib(301) should compute only itself and reuse fib(300) and fib(299) from the cache',
  ).toBe(1);
});

/** A fresh counting geo database, and an empty lookup_country cache when it has one. */
async function useGeo(): Promise<void> {
  await py.exec(`
    class CountingGeoDatabase:
        def __init__(self):
            self.asked = []

        def country_of(self, ip):
            self.asked.append(ip)
            return "country of " + ip

    ex.geo_db = CountingGeoDatabase()
    getattr(ex.lookup_country, "cache_clear", lambda: None)()
  `);
}

/**
 * Why the counting database installed as ex.geo_db was not asked, when the test
 * can see it: a database object held in a default argument or a closure, which was
 * captured when lookup_country was defined. Empty when nothing like that is found.
 */
async function capturedDatabase(): Promise<string> {
  return py.value<string>(`(lambda fn: next(
      (
          f"lookup_country holds its own database object in {where}, captured when it was defined, "
          "so it never sees the one the module's geo_db names now (the tests replace ex.geo_db). "
          "Read the global geo_db inside the function body, at call time."
          for where, value in (
              [("a default argument", v) for v in (fn.__defaults__ or ())]
              + [("a default argument", v) for v in (fn.__kwdefaults__ or {}).values()]
              + [("a closure variable", c.cell_contents) for c in (fn.__closure__ or ()) if c.cell_contents is not None]
          )
          if hasattr(value, "country_of") and value is not ex.geo_db
      ),
      "",
  ))(__import__("inspect").unwrap(ex.lookup_country))`);
}

/** The explanation for "the counting database was not asked as expected". */
async function whyNotAsked(fallback: string): Promise<string> {
  const captured = await capturedDatabase();
  if (captured) return captured;
  const asked = await py.value<string[]>('ex.geo_db.asked');
  return `${fallback} The database (ex.geo_db) was asked for ${JSON.stringify(asked)}.`;
}

test('lookup_country returns the database answer and asks it only once per address', async () => {
  await useGeo();
  const { value } = await py.eval(
    '[ex.lookup_country(ip) for ip in ["10.0.0.1", "10.0.0.2", "10.0.0.1", "10.0.0.2", "10.0.0.1"]]',
  );
  const expected = ['country of 10.0.0.1', 'country of 10.0.0.2', 'country of 10.0.0.1', 'country of 10.0.0.2', 'country of 10.0.0.1'];
  const answered = JSON.stringify(value) === JSON.stringify(expected);
  expect(
    value,
    'lookup_country should return what the database (ex.geo_db) says for each address. ' +
      (answered ? '' : await whyNotAsked('Look at where lookup_country gets its answer.')),
  ).toEqual([
    'country of 10.0.0.1',
    'country of 10.0.0.2',
    'country of 10.0.0.1',
    'country of 10.0.0.2',
    'country of 10.0.0.1',
  ]);
  const asked = await py.value<string[]>('ex.geo_db.asked');
  expect(
    asked,
    `each address should reach the database once and repeats come from the cache, but the database was asked for ${JSON.stringify(asked)}. ` +
      (asked.length === 0 ? await capturedDatabase() : ''),
  ).toEqual(['10.0.0.1', '10.0.0.2']);
});

test('lookup_country keeps at most 1024 addresses', async () => {
  await expectCacheApi('ex.lookup_country', '@functools.lru_cache(maxsize=1024)');
  await useGeo();
  const info = await cacheInfo('ex.lookup_country');
  expect(info?.maxsize, 'lookup_country should be bounded at 1024 entries: lru_cache(maxsize=1024)').toBe(1024);
  await py.exec('for i in range(1100): ex.lookup_country(f"172.16.{i // 256}.{i % 256}")');
  const full = await cacheInfo('ex.lookup_country');
  expect(full?.currsize, 'after 1100 different addresses the cache should still hold only 1024').toBe(1024);
});

test('lookup_country evicts the least recently used address first', async () => {
  await expectCacheApi('ex.lookup_country', '@functools.lru_cache(maxsize=1024)');
  await useGeo();
  await py.exec(`
    addresses = [f"192.168.{i // 256}.{i % 256}" for i in range(1025)]
    for ip in addresses[:1024]:
        ex.lookup_country(ip)
    ex.lookup_country(addresses[0])    # used again: now the most recent
    ex.lookup_country(addresses[1024]) # one too many: evicts the least recent
    ex.geo_db.asked.clear()
    ex.lookup_country(addresses[0])
    ex.lookup_country(addresses[1])
  `);
  const asked = await py.value<string[]>('ex.geo_db.asked');
  let why = await capturedDatabase();
  if (!why) {
    why =
      asked.length === 1 && asked[0] === '192.168.0.0'
        ? 'The address just used again was evicted instead: that is not least-recently-used order.'
        : asked.length === 0
          ? 'Neither address reached the database again, so nothing was evicted: is the cache bounded at 1024?'
          : 'Look at the cache on lookup_country and its bound.';
  }
  expect(
    asked,
    'with a full cache of 1024, one new address should evict the one used longest ago (192.168.0.1), not ' +
      `192.168.0.0, which was just used again; so asking for both again should reach the database for 192.168.0.1 only, ` +
      `but it was asked for ${JSON.stringify(asked)}. ${why}`,
  ).toEqual(['192.168.0.1']);
});

test('exchange_rate asks the live feed on every call, so a changed rate shows at once', async () => {
  await py.exec(`
    class ChangingFeed:
        def __init__(self):
            self.rates = {"USD": 1.10}
            self.asked = 0

        def latest(self, currency):
            self.asked += 1
            return self.rates[currency]

    ex.rates_feed = ChangingFeed()
  `);
  // What the test can see about why the feed was not asked: a cache still on the
  // function, or a feed object captured in a default argument or closure.
  const why = async (): Promise<string> =>
    py.value<string>(`(lambda fn, raw: (
        "exchange_rate still has a cache (it has cache_info()), so it answers from memory: remove the decorator entirely; "
        "a smaller or bounded cache still serves old rates."
        if hasattr(fn, "cache_info") else
        "exchange_rate holds its own feed object in a default argument or closure, captured when it was defined, so it "
        "never sees the feed the module's rates_feed names now. Read the global rates_feed at call time."
        if any(hasattr(v, "latest") and v is not ex.rates_feed
               for v in list(raw.__defaults__ or ()) + list((raw.__kwdefaults__ or {}).values())
               + [c.cell_contents for c in (raw.__closure__ or ()) if c.cell_contents is not None])
        else "Look at what exchange_rate reads, and whether anything between the caller and the feed remembers answers."
    ))(ex.exchange_rate, __import__("inspect").unwrap(ex.exchange_rate))`);
  const first = await py.value('ex.exchange_rate("USD")');
  expect(first, `the feed (ex.rates_feed) says 1.10, but exchange_rate("USD") returned ${first}. ${first === 1.1 ? '' : await why()}`).toBe(1.1);
  await py.exec('ex.rates_feed.rates["USD"] = 1.25');
  const second = await py.value('ex.exchange_rate("USD")');
  expect(
    second,
    `the feed now says 1.25, but exchange_rate returned ${second}. ${second === 1.25 ? '' : await why()}`,
  ).toBe(1.25);
  expect(await py.value('ex.rates_feed.asked'), 'every call should ask the feed').toBe(2);
});
