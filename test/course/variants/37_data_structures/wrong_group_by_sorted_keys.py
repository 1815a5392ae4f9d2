"""group_by sorts the groups by key (a Go habit for a stable map order) instead of keeping first appearance."""

import bisect
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Sequence

# ---- the given slow versions: the specification, kept as they were ----------


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


# ---- the fast versions --------------------------------------------------------


def dedupe[T: Hashable](items: Iterable[T]) -> list[T]:
    # A dict keeps its keys in insertion order, and a repeated key keeps its first place.
    return list(dict.fromkeys(items))


def seen_before[T: Hashable](ids: Iterable[T], queries: Iterable[T]) -> list[bool]:
    known = set(ids)  # built once: every `in` below is one hash lookup
    return [query in known for query in queries]


def drain(jobs: Iterable[tuple[str, int]]) -> list[str]:
    queue = deque(jobs)
    ran: list[str] = []
    while queue:
        name, steps = queue.popleft()  # O(1) at either end of a deque
        if steps <= 0:
            continue
        ran.append(name)
        if steps > 1:
            queue.append((name, steps - 1))
    return ran


def group_by[R, K: Hashable](records: Iterable[R], key: Callable[[R], K]) -> dict[K, list[R]]:
    groups: defaultdict[K, list[R]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return dict(sorted(groups.items()))  # type: ignore[type-var]


def top_k(words: Iterable[str], k: int) -> list[tuple[str, int]]:
    # most_common keeps equal counts in first-seen order; it returns [] for k <= 0.
    return Counter(words).most_common(k)


def rank(sorted_scores: Sequence[float], score: float) -> int:
    # Everything right of bisect_right is strictly greater than score.
    return len(sorted_scores) - bisect.bisect_right(sorted_scores, score) + 1

