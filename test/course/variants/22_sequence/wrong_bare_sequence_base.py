"""Inherits a bare collections.abc.Sequence (not Sequence[Card]), so pyright cannot type a loop's cards."""

from collections.abc import Sequence
from typing import overload

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
RANKS = range(2, 15)


class Deck(Sequence):
    def __init__(self) -> None:
        self._cards: list[Card] = [(rank, suit) for suit in SUITS for rank in RANKS]

    def __len__(self) -> int:
        return len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        return self._cards[index]
