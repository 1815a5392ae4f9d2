"""Computes every result right here, in this process: no pool at all."""

from collections.abc import Iterable


def crunch(n: int) -> int:
    if n < 0:
        raise ValueError(f"crunch needs n >= 0, got {n}")
    return sum(i * i for i in range(n))


def crunch_all(ns: Iterable[int], max_workers: int | None = None) -> list[int]:
    return [crunch(n) for n in ns]
