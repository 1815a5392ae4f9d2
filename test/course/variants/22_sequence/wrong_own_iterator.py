"""The deck is its own iterator (__iter__ returns self, like `[Symbol.iterator]() { return this }`)."""

from typing import Self, overload

type Card = tuple[int, str]

SUITS = "♠♥♦♣"
RANKS = range(2, 15)


class Deck:
    def __init__(self) -> None:
        self._cards: list[Card] = [(rank, suit) for suit in SUITS for rank in RANKS]
        self._position = 0

    def __len__(self) -> int:
        return len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...
    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        return self._cards[index]

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> Card:
        if self._position >= len(self._cards):
            raise StopIteration
        card = self._cards[self._position]
        self._position += 1
        return card
