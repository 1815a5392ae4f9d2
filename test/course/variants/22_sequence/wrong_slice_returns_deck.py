"""A slice returns a new Deck holding those cards (like Array.prototype.slice), not a list."""

from collections.abc import Iterator, Sequence
from typing import overload

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
RANKS = range(2, 15)


class Deck:
    def __init__(self, cards: Sequence[Card] | None = None) -> None:
        if cards is None:
            cards = [(rank, suit) for suit in SUITS for rank in RANKS]
        self._cards: list[Card] = list(cards)

    def __len__(self) -> int:
        return len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> "Deck": ...
    def __getitem__(self, index: int | slice) -> "Card | Deck":
        if isinstance(index, slice):
            return Deck(self._cards[index])
        return self._cards[index]

    def __iter__(self) -> Iterator[Card]:
        return iter(self._cards)
