import { beforeEach, describe, expect, test } from 'vitest';
import { PyObject, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// The suite keeps its own copies of the given slow versions (`original_*`), so a
// learner who edits `slow_*` still races the originals. Speed tests go through
// `kit.measure.speedup`: the results must be equal first, then the two versions
// are timed in alternating rounds and the ratio of their median times must reach
// 10x. The inputs are a few thousand items, sized so that an original takes a few
// tens of milliseconds natively; a correct fast version reaches 25x to 1000x.
// `counted(fn)` wraps a key function and counts its calls in `counted.calls`.
beforeEach(async () => {
  await py.exec(`
    import random
    from operator import itemgetter

    def original_dedupe(items):
        kept = []
        for item in items:
            if item not in kept:
                kept.append(item)
        return kept

    def original_seen_before(ids, queries):
        known = list(ids)
        return [query in known for query in queries]

    def original_drain(jobs):
        queue = list(jobs)
        ran = []
        while queue:
            name, steps = queue[0]
            queue = queue[1:]
            if steps <= 0:
                continue
            ran.append(name)
            if steps > 1:
                queue.append((name, steps - 1))
        return ran

    def original_group_by(records, key):
        groups = []
        for record in records:
            record_key = key(record)
            for group_key, members in groups:
                if group_key == record_key:
                    members.append(record)
                    break
            else:
                groups.append((record_key, [record]))
        return dict(groups)

    def original_top_k(words, k):
        every = list(words)
        counts = {word: every.count(word) for word in every}
        ranked = sorted(counts.items(), key=lambda pair: pair[1], reverse=True)
        return ranked[:k] if k > 0 else []

    def original_rank(sorted_scores, score):
        return 1 + sum(1 for other in sorted_scores if other > score)

    def counted(fn):
        def key(record):
            key.calls += 1
            return fn(record)
        key.calls = 0
        return key

    def type_name(value):
        return type(value).__name__

    def race(name, original, mine, make_args=None, args=(), same=None):
        return kit.measure.speedup(
            original, mine, make_args=make_args, args=args, same=same, demanded=10,
            slow_name=f"the given slow_{name}", fast_name=f"your {name}",
        )
  `);
});

interface Measured {
  ok: boolean;
  verdict: 'faster' | 'too slow' | 'different';
  ratio: number | null;
  demanded: number;
  message: string;
}

/** Race the learner's version against the original; on failure, say what was measured and where to look. */
async function expectTenTimesFaster(setup: string, race: string, whereToLook: string): Promise<void> {
  await py.exec(setup);
  const result = await py.value<Measured>(race);
  const advice =
    result.verdict === 'different'
      ? ' Your version agrees on the small cases above but not on this bigger input: compare the two on it.'
      : result.verdict === 'too slow'
        ? ` Where to look: ${whereToLook}`
        : '';
  expect(result.ok, `${result.message}${advice}`).toBe(true);
}

/** A value as the learner would recognise it: JSON for plain data, the repr for any other Python object. */
const show = (value: unknown): string =>
  value instanceof PyObject ? value.repr : JSON.stringify(value, (_key, item: unknown) => (item instanceof PyObject ? item.repr : item));
const notAList = (value: unknown): string =>
  value instanceof PyObject ? ` That is a ${value.type}, not a list: build a list (list(...) or a list comprehension).` : '';

// ---- dedupe -------------------------------------------------------------------

describe('dedupe', () => {
  test('keeps each item once, at the place of its first appearance', async () => {
    const got = await py.value<unknown>('ex.dedupe(["b", "a", "b", "c", "a"])');
    const expected = ['b', 'a', 'c'];
    let why = '';
    if (Array.isArray(got) && got.length === 3 && show([...got].sort()) === show(['a', 'b', 'c'])) {
      if (show(got) === show(['b', 'c', 'a']))
        why = ' Each item sits where it appeared last: keep the first appearance and skip the later ones.';
      else if (show(got) === show(['a', 'b', 'c']))
        why = ' The items came out sorted: keep them in the order they first appeared.';
      else if (show(got) !== show(expected))
        why = ' The items are right but their order is not: a set has no order. A dict keeps its keys in insertion order.';
    }
    expect(got, `dedupe(["b", "a", "b", "c", "a"]) should be ${show(expected)}, got ${show(got)}.${why}${notAList(got)}`).toEqual(expected);
  });

  test('returns a list', async () => {
    const kind = await py.value<string>('type_name(ex.dedupe([3, 1, 3]))');
    expect(kind, `dedupe should return a list (like slow_dedupe), but returned a ${kind}: wrap the result in list(...).`).toBe('list');
  });

  test('reads any iterable once, a generator too', async () => {
    const got = await py.value('ex.dedupe(n for n in [3, 1, 3, 2, 1])');
    expect(got, `dedupe of a generator yielding 3, 1, 3, 2, 1 should be [3,1,2], got ${show(got)}: a generator can be read only once.`).toEqual([
      3, 1, 2,
    ]);
  });

  test("an empty input gives an empty list, and the caller's list is left as it was", async () => {
    expect(await py.value('ex.dedupe([])'), 'dedupe([]) should be []').toEqual([]);
    const after = await py.value<unknown>(`
      (lambda items: (ex.dedupe(items), items)[1])(["x", "y", "x", "z"])
    `);
    expect(after, `after dedupe(items), items should still be ["x","y","x","z"], but it became ${show(after)}: build a new list and leave the argument alone.`).toEqual([
      'x', 'y', 'x', 'z',
    ]);
  });

  test('is at least 10x faster than slow_dedupe on 1,400 email addresses', async () => {
    await expectTenTimesFaster(
      `
      rng = random.Random(37)
      addresses = [f"user{rng.randrange(4200)}@example.com" for _ in range(1400)]
      `,
      'race("dedupe", original_dedupe, ex.dedupe, make_args=lambda: (list(addresses),))',
      '`item not in kept` reads the whole list of kept items, for every item. Remember what you have seen in a set, ' +
        'or let a dict do both jobs: its keys are unique and keep their insertion order (`dict.fromkeys`).',
    );
  });
});

// ---- seen_before --------------------------------------------------------------

describe('seen_before', () => {
  test('gives one True or False per query, in query order, repeats included', async () => {
    const got = await py.value<unknown>('ex.seen_before(["u1", "u2", "u3"], ["u2", "u9", "u1", "u2"])');
    const expected = [true, false, true, true];
    let why = '';
    if (Array.isArray(got) && got.length !== 4)
      why = ` That is ${got.length} answers for 4 queries: answer every query, in order, even a repeated one.`;
    else if (!Array.isArray(got)) why = notAList(got) || ' Return a list with one bool per query.';
    expect(got, `seen_before(["u1","u2","u3"], ["u2","u9","u1","u2"]) should be ${show(expected)}, got ${show(got)}.${why}`).toEqual(
      expected,
    );
  });

  test('ids and queries may be generators, each read once', async () => {
    const got = await py.value<unknown>(`
      ex.seen_before((i for i in ["a", "b", "c"]), (q for q in ["c", "a", "z", "b"]))
    `);
    const listsGive = await py.value<unknown>('ex.seen_before(["a", "b", "c"], ["c", "a", "z", "b"])');
    let why = '';
    if (show(listsGive) === show([true, true, false, true]))
      why =
        ' With lists the answer is right, so the ids were read more than once (once per query?): a generator is ' +
        'empty after the first pass. Build your container of ids once, before the loop over the queries.';
    expect(got, `with generators, seen_before should give [true,true,false,true], got ${show(got)}.${why}`).toEqual([
      true, true, false, true,
    ]);
  });

  test('no ids: every answer is False; no queries: an empty list', async () => {
    expect(await py.value('ex.seen_before([], ["a", "b"])'), 'seen_before([], ["a","b"]) should be [false,false]').toEqual([false, false]);
    expect(await py.value('ex.seen_before(["a"], [])'), 'seen_before(["a"], []) should be []').toEqual([]);
  });

  test('is at least 10x faster than slow_seen_before on 1,500 ids and 1,500 queries', async () => {
    await expectTenTimesFaster(
      `
      rng = random.Random(38)
      order_ids = [f"order-{rng.randrange(10**7)}" for _ in range(1500)]
      lookups = [rng.choice(order_ids) if i % 2 else f"order-x{i}" for i in range(1500)]
      `,
      'race("seen_before", original_seen_before, ex.seen_before, make_args=lambda: (list(order_ids), list(lookups)))',
      '`query in known` reads the list of ids once per query. Put the ids in a set once; then each query is one hash lookup.',
    );
  });
});

// ---- drain --------------------------------------------------------------------

describe('drain', () => {
  test('runs the jobs round-robin: one step each, then to the back of the queue', async () => {
    const got = await py.value<unknown>('ex.drain([("a", 2), ("b", 1), ("c", 3)])');
    const expected = ['a', 'b', 'c', 'a', 'c', 'c'];
    let why = '';
    if (show(got) === show(['a', 'a', 'b', 'c', 'c', 'c']))
      why = ' Each job ran all its steps at once (or went back to the front): after one step, a job with steps left goes to the back.';
    else if (Array.isArray(got) && got[0] === 'c')
      why = ' The first step went to the last job: that is a stack (last in, first out). Take jobs from the front (popleft) and add them at the back.';
    expect(got, `drain([("a",2), ("b",1), ("c",3)]) should run ${show(expected)}, but ran ${show(got)}.${why}`).toEqual(expected);
  });

  test('a job put back waits behind the jobs already queued, and names may repeat', async () => {
    const got = await py.value<unknown>('ex.drain([("a", 2), ("b", 1), ("a", 1)])');
    expect(
      got,
      `drain([("a",2), ("b",1), ("a",1)]) should run ["a","b","a","a"] (two separate jobs called "a"), but ran ${show(got)}.`,
    ).toEqual(['a', 'b', 'a', 'a']);
  });

  test('jobs with 0 or fewer steps never run', async () => {
    const got = await py.value<unknown>('ex.drain([("x", 0), ("y", 1), ("z", -2)])');
    expect(got, `drain([("x",0), ("y",1), ("z",-2)]) should run only ["y"], but ran ${show(got)}.`).toEqual(['y']);
  });

  test("the caller's list is left as it was; a generator and an empty queue work too", async () => {
    const after = await py.value<unknown>(`
      (lambda jobs: (ex.drain(jobs), jobs)[1])([("p", 2), ("q", 1)])
    `);
    expect(after, `after drain(jobs), jobs should still be [["p",2],["q",1]], but it became ${show(after)}: copy the jobs into your own queue.`).toEqual([
      ['p', 2],
      ['q', 1],
    ]);
    expect(await py.value('ex.drain(job for job in [("p", 2), ("q", 1)])'), 'drain of a generator').toEqual(['p', 'q', 'p']);
    expect(await py.value('ex.drain([])'), 'drain([]) should be []').toEqual([]);
  });

  test('is at least 10x faster than slow_drain on 6,000 jobs', async () => {
    await expectTenTimesFaster(
      'jobs = [(f"job{i}", 1 + i % 3) for i in range(6000)]',
      'race("drain", original_drain, ex.drain, make_args=lambda: (list(jobs),))',
      '`queue[1:]` copies every job still waiting, for every step, and `list.pop(0)` still moves them all one place ' +
        'to the left. A collections.deque takes from the front (popleft) and adds at the back (append) in O(1).',
    );
  });
});

// ---- group_by -----------------------------------------------------------------

describe('group_by', () => {
  const PEOPLE = '[("ann", "NL"), ("bob", "DE"), ("cy", "NL"), ("di", "FR"), ("ed", "DE")]';

  test('groups records by key: keys in order of first appearance, records in input order', async () => {
    const got = await py.value<unknown>(`[[k, v] for k, v in ex.group_by(${PEOPLE}, itemgetter(1)).items()]`);
    const expected = [
      ['NL', [['ann', 'NL'], ['cy', 'NL']]],
      ['DE', [['bob', 'DE'], ['ed', 'DE']]],
      ['FR', [['di', 'FR']]],
    ];
    let why = '';
    const members = Array.isArray(got) ? got.reduce((sum: number, pair) => sum + ((pair as [string, unknown[]])[1]?.length ?? 0), 0) : 0;
    const lastRunsOnly = [
      ['NL', [['cy', 'NL']]],
      ['DE', [['ed', 'DE']]],
      ['FR', [['di', 'FR']]],
    ];
    if (show(got) === show(lastRunsOnly))
      why =
        ' Each key kept only its last run of neighbouring records: that is itertools.groupby, which groups runs of ' +
        'equal keys (unlike lodash groupBy), so a later run with the same key replaces the earlier one.';
    else if (Array.isArray(got) && members < 5)
      why = ` Only ${members} of the 5 records are in the result: every record must end up in its key's list.`;
    else if (Array.isArray(got) && show(got.map((pair) => (pair as unknown[])[0])) === show(['DE', 'FR', 'NL']))
      why = ' The keys came out sorted: keep them in order of first appearance (a dict keeps insertion order).';
    expect(got, `group_by(people, by country) should give ${show(expected)} as (key, records) pairs, got ${show(got)}.${why}`).toEqual(expected);
  });

  test('calls key once per record', async () => {
    const calls = await py.value<number>(`
      (lambda key: (ex.group_by(${PEOPLE}, key), key.calls)[1])(counted(itemgetter(1)))
    `);
    expect(calls, `group_by over 5 records called key ${calls} times instead of 5: compute each record's key once and reuse it.`).toBe(5);
  });

  test('returns a plain dict: a missing key raises KeyError and is not added', async () => {
    await py.exec(`
      groups = ex.group_by(${PEOPLE}, itemgetter(1))
      size_before = len(groups)
      try:
          looked_up = "returned " + repr(groups["nowhere"])
      except KeyError:
          looked_up = "KeyError"
      except Exception as exc:
          looked_up = "raised " + type_name(exc)
    `);
    const seen = await py.value<{ kind: string; lookup: string; before: number; after: number }>(
      '{"kind": type_name(groups), "lookup": looked_up, "before": size_before, "after": len(groups)}',
    );
    let why = '';
    if (seen.lookup !== 'KeyError' && seen.after > seen.before)
      why =
        ` It also added "nowhere" to the groups: your result is a ${seen.kind}, which creates missing keys on lookup. ` +
        'Build the groups with it if you like, then hand out a plain dict (dict(groups)).';
    expect(
      seen.lookup,
      `group_by(...)["nowhere"] should raise KeyError, as a lookup of a missing key in a dict does, but it ${seen.lookup}.${why}`,
    ).toBe('KeyError');
  });

  test('records may come from a generator, and any hashable value is a key', async () => {
    const got = await py.value<unknown>('[[k, v] for k, v in ex.group_by((n for n in range(8)), lambda n: n % 3).items()]');
    expect(got, `group_by(numbers 0-7 from a generator, by n % 3) gave ${show(got)}.`).toEqual([
      [0, [0, 3, 6]],
      [1, [1, 4, 7]],
      [2, [2, 5]],
    ]);
    expect(await py.value('ex.group_by([], itemgetter(0)) == {}'), 'group_by([], key) should be an empty dict').toBe(true);
  });

  test('is at least 10x faster than slow_group_by on 4,000 records in 800 cities', async () => {
    await expectTenTimesFaster(
      `
      rng = random.Random(39)
      records = [{"id": i, "city": f"city{rng.randrange(800)}"} for i in range(4000)]
      `,
      'race("group_by", original_group_by, ex.group_by, make_args=lambda: (list(records), itemgetter("city")), ' +
        'same=lambda expected, got: list(expected.items()) == list(got.items()))',
      'looking for a record’s group by walking the groups one by one. Keep the groups in a dict keyed by the key: ' +
        'one lookup finds the group (`dict.setdefault`, or a `collections.defaultdict(list)` turned into a plain dict at the end).',
    );
  });
});

// ---- top_k --------------------------------------------------------------------

describe('top_k', () => {
  test('gives the k most common words with their counts, most common first', async () => {
    const got = await py.value<unknown>('ex.top_k("a b a c b a d".split(), 2)');
    let why = '';
    if (show(got) === show(['a', 'b'])) why = ' Return (word, count) pairs, not just the words.';
    else if (Array.isArray(got) && show(got[0]) === show(['d', 1])) why = ' The rarest came first: sort by count, highest first.';
    else if (!Array.isArray(got)) why = notAList(got) || ' Return a list of (word, count) tuples.';
    expect(got, `top_k("a b a c b a d".split(), 2) should be [["a",3],["b",2]], got ${show(got)}.${why}`).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  test('equal counts keep the order in which the words first appeared', async () => {
    const got = await py.value<unknown>('ex.top_k("pear fig pear apple fig apple kiwi".split(), 3)');
    const cut = await py.value<unknown>('ex.top_k("pear fig pear apple fig apple kiwi".split(), 2)');
    let why = '';
    if (Array.isArray(got) && show(got[0]) === show(['apple', 2]))
      why = ' The tied words came out in alphabetical order: keep first-seen order for ties (a stable sort by count alone does, and so does Counter.most_common).';
    expect(
      got,
      `pear, fig and apple all appear twice, first seen in that order: top_k(..., 3) should be [["pear",2],["fig",2],["apple",2]], got ${show(got)}.${why}`,
    ).toEqual([
      ['pear', 2],
      ['fig', 2],
      ['apple', 2],
    ]);
    expect(cut, `top_k(..., 2) cuts through the tie: it should be [["pear",2],["fig",2]], got ${show(cut)}.`).toEqual([
      ['pear', 2],
      ['fig', 2],
    ]);
  });

  test('k beyond the number of words gives them all; k of 0 or less gives []', async () => {
    expect(await py.value('ex.top_k(["x", "y", "x"], 10)'), 'top_k(["x","y","x"], 10) should be [["x",2],["y",1]]').toEqual([
      ['x', 2],
      ['y', 1],
    ]);
    const zero = await py.value('ex.top_k(["x", "y", "x"], 0)');
    expect(zero, `top_k(words, 0) should be [], got ${show(zero)}`).toEqual([]);
    const negative = await py.value('ex.top_k(["x", "y", "x"], -1)');
    expect(
      negative,
      `top_k(words, -1) should be [], got ${show(negative)}. Handle k <= 0 yourself if you slice: a negative bound such as [:-1] cuts from the end.`,
    ).toEqual([]);
    expect(await py.value('ex.top_k([], 3)'), 'top_k([], 3) should be []').toEqual([]);
  });

  test('returns a list of (word, count) tuples, and reads a generator once', async () => {
    const kinds = await py.value<string[]>('(lambda r: [type_name(r)] + [type_name(p) for p in r[:1]])(ex.top_k(["x", "y", "x"], 2))');
    expect(kinds, `top_k should return a list of tuples, like slow_top_k, but returned ${kinds.join(' of ')}.`).toEqual(['list', 'tuple']);
    expect(await py.value('ex.top_k((w for w in ["x", "y", "x"]), 1)'), 'top_k of a generator').toEqual([['x', 2]]);
  });

  test('is at least 10x faster than slow_top_k on 1,100 words', async () => {
    await expectTenTimesFaster(
      `
      rng = random.Random(40)
      vocabulary = [f"word{i}" for i in range(600)]
      words = [vocabulary[min(int(rng.paretovariate(0.8)), 600) - 1] if rng.random() < 0.5 else rng.choice(vocabulary) for _ in range(1100)]
      `,
      'race("top_k", original_top_k, ex.top_k, make_args=lambda: (list(words), 10))',
      '`every.count(word)` reads every word again for each word. Count them all in one pass: a ' +
        'collections.Counter, whose most_common(k) (or heapq.nlargest) picks the top k.',
    );
  });
});

// ---- rank ---------------------------------------------------------------------

describe('rank', () => {
  const BOARD = '[10, 20, 20, 30, 40]';

  test('place 1 beats every score; a score below all of them comes last', async () => {
    const got = await py.value<number[]>(`[ex.rank(${BOARD}, s) for s in (45, 35, 5)]`);
    let why = '';
    if (show(got) === show([0, 1, 5])) why = ' Each place is one too low: places start at 1 (1 + the number of higher scores).';
    else if (show(got) === show([6, 5, 1])) why = ' The order is upside down: sorted_scores is ascending, and the highest score takes place 1.';
    expect(got, `on the board ${BOARD}, the scores 45, 35 and 5 should take places [1,2,6], got ${show(got)}.${why}`).toEqual([1, 2, 6]);
  });

  test('a score equal to existing scores shares their place', async () => {
    const got = await py.value<number[]>(`[ex.rank(${BOARD}, s) for s in (20, 40, 10)]`);
    let why = '';
    if (show(got) === show([5, 2, 6]))
      why = ' Equal scores were counted as higher: bisect_left stops before the equal scores, bisect_right after them.';
    expect(got, `on the board ${BOARD}, the scores 20, 40 and 10 should take places [3,1,5] (ties share a place), got ${show(got)}.${why}`).toEqual([
      3, 1, 5,
    ]);
  });

  test("an empty board gives place 1; floats work; the board is left as it was", async () => {
    expect(await py.value('ex.rank([], 7)'), 'rank([], 7) should be 1').toBe(1);
    expect(await py.value('ex.rank([0.5, 1.5, 2.5], 1.5)'), 'rank([0.5, 1.5, 2.5], 1.5) should be 2').toBe(2);
    const after = await py.value<unknown>(`(lambda board: (ex.rank(board, 25), board)[1])(${BOARD})`);
    expect(after, `after rank(board, 25), the board should still be ${BOARD}, but it became ${show(after)}: do not insert into it or sort it.`).toEqual([
      10, 20, 20, 30, 40,
    ]);
  });

  test('is at least 10x faster than slow_rank: 80 lookups on a board of 5,000 scores', async () => {
    await expectTenTimesFaster(
      `
      rng = random.Random(41)
      board = sorted(rng.randrange(10**6) for _ in range(5_000))
      scores = [rng.randrange(10**6) for _ in range(80)]
      `,
      'race("rank", lambda b, s: [original_rank(b, x) for x in s], lambda b, s: [ex.rank(b, x) for x in s], args=(board, scores))',
      'reading every score, once per lookup. The board is sorted, so a binary search finds the place in about ' +
        '13 steps for 5,000 scores: the bisect module (`bisect_right`).',
    );
  });
});
