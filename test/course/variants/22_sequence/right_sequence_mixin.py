"""Inherits collections.abc.Sequence[Card] as a mixin over a tuple; slices become lists."""

from collections.abc import Sequence
from typing import overload, override

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
RANKS = range(2, 15)


class Deck(Sequence[Card]):
    def __init__(self) -> None:
        self._cards: tuple[Card, ...] = tuple((rank, suit) for suit in SUITS for rank in RANKS)

    @override
    def __len__(self) -> int:
        return len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...
    @override
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        if isinstance(index, slice):
            return list(self._cards[index])
        return self._cards[index]
