"""Keeps the cards in a dict keyed by position (a JS object habit), so deck[-1] raises KeyError."""

from collections.abc import Iterator
from typing import overload

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
RANKS = range(2, 15)


class Deck:
    def __init__(self) -> None:
        cards = [(rank, suit) for suit in SUITS for rank in RANKS]
        self._cards: dict[int, Card] = dict(enumerate(cards))

    def __len__(self) -> int:
        return len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        if isinstance(index, slice):
            return [self._cards[i] for i in range(*index.indices(len(self)))]
        return self._cards[index]

    def __iter__(self) -> Iterator[Card]:
        return iter(self._cards.values())
