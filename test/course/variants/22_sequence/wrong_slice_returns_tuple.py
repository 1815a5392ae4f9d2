"""Stores the cards in a tuple for immutability and returns its slices: a slice gives a tuple."""

from collections.abc import Iterator
from typing import overload

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
RANKS = range(2, 15)


class Deck:
    def __init__(self) -> None:
        self._cards: tuple[Card, ...] = tuple((rank, suit) for suit in SUITS for rank in RANKS)

    def __len__(self) -> int:
        return len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Card, ...]: ...
    def __getitem__(self, index: int | slice) -> Card | tuple[Card, ...]:
        return self._cards[index]

    def __iter__(self) -> Iterator[Card]:
        return iter(self._cards)
