"""Hand-rolled: a dict as an ordered set, a binary search written out, counting with dict.get and a stable sort, a deque rotated."""

from collections import deque
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
    kept: dict[T, None] = {}
    for item in items:
        kept.setdefault(item, None)
    return [*kept]


def seen_before[T: Hashable](ids: Iterable[T], queries: Iterable[T]) -> list[bool]:
    known = {*ids}
    return [query in known for query in queries]


def drain(jobs: Iterable[tuple[str, int]]) -> list[str]:
    queue = deque((name, steps) for name, steps in jobs if steps > 0)
    ran: list[str] = []
    while queue:
        name, steps = queue[0]
        ran.append(name)
        if steps > 1:
            queue[0] = (name, steps - 1)
            queue.rotate(-1)  # the front job moves to the back
        else:
            queue.popleft()
    return ran


def group_by[R, K: Hashable](records: Iterable[R], key: Callable[[R], K]) -> dict[K, list[R]]:
    groups: dict[K, list[R]] = {}
    for record in records:
        record_key = key(record)
        members = groups.get(record_key)
        if members is None:
            groups[record_key] = [record]
        else:
            members.append(record)
    return groups


def top_k(words: Iterable[str], k: int) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    # sorted is stable: equal counts stay in first-seen (insertion) order.
    return sorted(counts.items(), key=lambda pair: -pair[1])[: max(k, 0)]


def rank(sorted_scores: Sequence[float], score: float) -> int:
    low, high = 0, len(sorted_scores)
    while low < high:  # the first index whose score is greater than `score`
        middle = (low + high) // 2
        if sorted_scores[middle] <= score:
            low = middle + 1
        else:
            high = middle
    return len(sorted_scores) - low + 1
