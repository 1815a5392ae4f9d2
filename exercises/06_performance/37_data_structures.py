"""Exercise 37 · data structures: the right container is the cheap win.

Below are six small functions that work but are slow: each `slow_*` version is
given, and it is the specification. Write the fast version under each, which
must return exactly what its slow version returns, at least 10x faster on the
suite's inputs (one to six thousand items), measured against the slow version
in the same run. No clever algorithms are needed: pick the right container.

- `dedupe(items)`: every item once, in the order of its first appearance.
- `seen_before(ids, queries)`: for each query, in order, whether it is one of
  the ids (`True`/`False`, one per query, repeats included).
- `drain(jobs)`: round-robin over `(name, steps)` jobs: take the job at the
  front, run one step (record its name), and if it has steps left, put it at
  the back. Jobs with 0 or fewer steps never run. Returns the names in the
  order the steps ran.
- `group_by(records, key)`: a plain `dict` from each key to the list of its
  records; keys in order of first appearance, records in input order, `key`
  called once per record. A missing key raises `KeyError`, as in any dict.
- `top_k(words, k)`: the `k` most common words as `(word, count)` pairs, most
  common first; equal counts keep the order in which the words first appeared;
  `[]` for `k <= 0`.
- `rank(sorted_scores, score)`: the place `score` takes on a leaderboard whose
  scores are given in ascending order: 1 + the number of scores strictly
  higher, so equal scores share a place. One call must not read every score.

Arguments may be any iterables (a generator is read once), except
`sorted_scores`, a list. Never change the caller's arguments.

You know this from TypeScript/Go as `Set`, `Map`, and a slice used as a queue.
What carries over: `set` and `dict` are hash tables, so `x in a_set` is one
lookup while `x in a_list` reads the list. The false friends: Go's
`queue = queue[1:]` is free, but in Python a slice copies the rest of the list,
and `list.pop(0)` (JS `shift()`) moves every remaining item; a
`collections.deque` takes from and adds to either end in O(1). The standard
library has the rest ready: `collections.Counter`, `heapq.nlargest` and
`bisect` for a sorted list (Python has no built-in sorted tree). Profile first
(exercise 36); then reach for these before anything cleverer.
"""

from collections.abc import Callable, Hashable, Iterable, Sequence

# ---- the given slow versions: leave these as they are ------------------------
# They are the specification. The suite times your versions against its own
# copy of them, so editing these changes nothing but your own experiments.


def slow_dedupe[T](items: Iterable[T]) -> list[T]:
    kept: list[T] = []
    for item in items:
        if item not in kept:  # scans everything kept so far
            kept.append(item)
    return kept


def slow_seen_before[T](ids: Iterable[T], queries: Iterable[T]) -> list[bool]:
    known = list(ids)
    return [query in known for query in queries]  # one scan of `known` per query


def slow_drain(jobs: Iterable[tuple[str, int]]) -> list[str]:
    queue = list(jobs)
    ran: list[str] = []
    while queue:
        name, steps = queue[0]
        queue = queue[1:]  # Go's queue[1:] is free; Python's copies the rest
        if steps <= 0:
            continue
        ran.append(name)
        if steps > 1:
            queue.append((name, steps - 1))
    return ran


def slow_group_by[R, K](records: Iterable[R], key: Callable[[R], K]) -> dict[K, list[R]]:
    groups: list[tuple[K, list[R]]] = []
    for record in records:
        record_key = key(record)
        for group_key, members in groups:  # looks for the group one by one
            if group_key == record_key:
                members.append(record)
                break
        else:
            groups.append((record_key, [record]))
    return dict(groups)


def slow_top_k(words: Iterable[str], k: int) -> list[tuple[str, int]]:
    every = list(words)
    counts = {word: every.count(word) for word in every}  # each count rereads every word
    ranked = sorted(counts.items(), key=lambda pair: pair[1], reverse=True)
    return ranked[:k] if k > 0 else []


def slow_rank(sorted_scores: Sequence[float], score: float) -> int:
    return 1 + sum(1 for other in sorted_scores if other > score)


# ---- your fast versions ------------------------------------------------------


def dedupe[T: Hashable](items: Iterable[T]) -> list[T]:
    # TODO: remember what you have seen in a container where `in` is one lookup.
    return slow_dedupe(items)


def seen_before[T: Hashable](ids: Iterable[T], queries: Iterable[T]) -> list[bool]:
    # TODO: build the container of ids once, then answer each query with one lookup.
    return slow_seen_before(ids, queries)


def drain(jobs: Iterable[tuple[str, int]]) -> list[str]:
    # TODO: a queue that takes from the front without moving the rest.
    return slow_drain(jobs)


def group_by[R, K: Hashable](records: Iterable[R], key: Callable[[R], K]) -> dict[K, list[R]]:
    # TODO: find a record's group by its key in one lookup.
    return slow_group_by(records, key)


def top_k(words: Iterable[str], k: int) -> list[tuple[str, int]]:
    # TODO: count every word in one pass; the standard library can also pick the top k.
    return slow_top_k(words, k)


def rank(sorted_scores: Sequence[float], score: float) -> int:
    # TODO: the list is sorted: find where score would go without reading every score.
    return slow_rank(sorted_scores, score)
