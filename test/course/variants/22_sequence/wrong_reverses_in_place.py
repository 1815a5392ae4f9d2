"""__reversed__ calls list.reverse(), so reversing the deck reorders the deck itself."""

from collections.abc import Iterator
from typing import overload

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
RANKS = range(2, 15)


class Deck:
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

    def __iter__(self) -> Iterator[Card]:
        return iter(self._cards)

    def __reversed__(self) -> Iterator[Card]:
        self._cards.reverse()
        return iter(self._cards)
